import BaoCaoCore
import COpenSSL
import Foundation

/// A detached CMS SignedData (`manifest.p7s`): one signer, SHA-256, the signer's
/// certificate and a signing-time attribute, over bytes kept outside it.
///
/// Plain OpenSSL verifies it:
/// `openssl cms -verify -binary -inform DER -in manifest.p7s -content manifest.json -CAfile root.pem -purpose any`.
public final class DetachedSignature: @unchecked Sendable {
    private let pointer: OpaquePointer
    /// The DER encoding.
    public let der: Data
    /// Every certificate the signature carries (the signer's and any intermediates).
    public let certificates: [Certificate]

    private init(owning pointer: OpaquePointer, der: Data, certificates: [Certificate]) {
        self.pointer = pointer
        self.der = der
        self.certificates = certificates
    }

    deinit { CMS_ContentInfo_free(pointer) }

    /// Signs `content` with the identity, stating `signingTime` in a signed attribute.
    public static func sign(_ content: Data, with identity: SigningIdentity, at signingTime: Date) throws -> DetachedSignature {
        let chain = baocao_sk_X509_new_null()
        defer { baocao_sk_X509_pop_free(chain) }
        for certificate in identity.chain { _ = baocao_sk_X509_push_up_ref(chain, certificate.pointer) }
        let cms = try MemoryBIO.withReading(content) { bio in
            baocao_cms_sign_detached(identity.certificate.pointer, identity.key.pointer, chain, bio,
                                     Int64(signingTime.timeIntervalSince1970.rounded(.down)))
        }
        guard let cms else { throw BundleError.cryptoFailure("ký số") }
        let der = try MemoryBIO.collecting({ i2d_CMS_bio($0, cms) == 1 }, what: "ghi chữ ký số")
        CMS_ContentInfo_free(cms)
        return try DetachedSignature(der: der)
    }

    /// Reads a DER-encoded CMS SignedData; refuses anything else.
    ///
    /// The embedded certificates are lifted out and parsed through ``CertificateCache``;
    /// libcrypto parses the rest (see ``SignedDataLayout`` for why).
    public convenience init(der: Data) throws {
        let layout: SignedDataLayout
        do {
            layout = try SignedDataLayout(der: der)
        } catch {
            throw BundleError.malformedSignature("không phải cấu trúc CMS DER")
        }
        let certificates: [Certificate]
        do {
            certificates = try layout.certificates.map { try CertificateCache.shared.certificate(der: $0) }
        } catch {
            throw BundleError.malformedSignature("chứng thư kèm theo chữ ký bị hỏng")
        }
        let cms: OpaquePointer? = try MemoryBIO.withReading(layout.withoutCertificates) { d2i_CMS_bio($0, nil) }
        guard let cms else {
            ERR_clear_error()
            throw BundleError.malformedSignature("không phải cấu trúc CMS DER")
        }
        guard OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_signed else {
            CMS_ContentInfo_free(cms)
            throw BundleError.malformedSignature("không phải dữ liệu ký (SignedData)")
        }
        guard baocao_cms_signer_count(cms) == 1 else {
            CMS_ContentInfo_free(cms)
            throw BundleError.malformedSignature("phải có đúng một người ký")
        }
        self.init(owning: cms, der: der, certificates: certificates)
    }

    /// The time the signer says it signed, from the signed attributes.
    public var signingTime: Date? {
        guard let time = baocao_cms_signing_time(pointer) else { return nil }
        let seconds = baocao_asn1_time_to_unix(time)
        return seconds < 0 ? nil : Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Checks the signature over `content` — the digest and the signer's key — and returns
    /// the signer's certificate. Says nothing about whether that certificate is trusted.
    public func verify(content: Data) throws -> Certificate {
        let stack = baocao_sk_X509_new_null()
        defer { baocao_sk_X509_pop_free(stack) }
        for certificate in certificates { _ = baocao_sk_X509_push_up_ref(stack, certificate.pointer) }
        let ok = try MemoryBIO.withReading(content) { baocao_cms_verify_signature_only(pointer, stack, $0) }
        guard ok == 1 else {
            let detail = OpenSSLFailure.drain()
            throw BundleError(.signatureInvalid,
                message: "Chữ ký số không khớp với nội dung: gói tin đã bị sửa đổi sau khi ký hoặc chữ ký bị hỏng.",
                log: "CMS signature does not verify: \(detail)")
        }
        guard let signers = CMS_get0_signers(pointer) else {
            throw BundleError.malformedSignature("không có chứng thư của người ký")
        }
        defer { baocao_sk_X509_free(signers) }
        guard baocao_sk_X509_num(signers) == 1 else { throw BundleError.malformedSignature("phải có đúng một người ký") }
        let signer = baocao_sk_X509_value(signers, 0)
        // Hand back the cached object for the signer, not a fresh wrapper.
        return certificates.first { $0.pointer == signer } ?? Certificate(retaining: signer!)
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let malformedSignature = Self("malformedSignature")
    public static let signatureInvalid = Self("signatureInvalid")
}

extension BundleError {
    static func malformedSignature(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.malformedSignature,
            message: "Tệp chữ ký số manifest.p7s không hợp lệ: \(reason).",
            log: "malformed manifest.p7s: \(reason)", file: file, line: line)
    }
}
