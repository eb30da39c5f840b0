import BaoCaoCore
import COpenSSL
import Foundation

/// A detached CMS SignedData (`manifest.p7s`): one signer, SHA-256, the signer's
/// certificate and a signing-time attribute, over bytes kept outside it.
///
/// libcrypto makes it (`CMS_sign`) and checks the signature mathematics; ``SignedData``
/// reads the structure. Plain OpenSSL verifies it:
/// `openssl cms -verify -binary -inform DER -in manifest.p7s -content manifest.json -CAfile root.pem -purpose any`.
public struct DetachedSignature: Sendable {
    /// The DER encoding.
    public let der: Data
    /// Every certificate the signature carries (the signer's and any intermediates).
    public let certificates: [Certificate]
    /// The time the signer says it signed, from the signed attributes.
    public let signingTime: Date?
    private let signer: SignerInfo

    /// Signs `content` with the identity, stating `signingTime` in a signed attribute.
    public static func sign(_ content: Data, with identity: SigningIdentity, at signingTime: Date) throws -> DetachedSignature {
        try DetachedSignature(der: signedDER(content, with: identity, at: signingTime, digest: .sha256))
    }

    /// The DER of a signature as ``sign(_:with:at:)`` makes, with any digest, not read back:
    /// only tests sign with SHA-1, to show verification refuse it.
    static func signedDER(_ content: Data, with identity: SigningIdentity, at signingTime: Date, digest: SigningDigest) throws -> Data {
        guard let chain = baocao_sk_X509_new_null() else { throw BundleError.cryptoFailure("tạo chuỗi chứng thư") }
        defer { baocao_sk_X509_pop_free(chain) }
        for certificate in identity.chain where baocao_sk_X509_push_up_ref(chain, certificate.pointer) != 1 {
            throw BundleError.cryptoFailure("ghép chuỗi chứng thư")
        }
        let cms = try MemoryBIO.withReading(content) { bio in
            baocao_cms_sign_detached(identity.certificate.pointer, identity.key.pointer, chain, bio,
                                     Int64(signingTime.timeIntervalSince1970.rounded(.down)), digest.algorithm)
        }
        guard let cms else { throw BundleError.cryptoFailure("ký số") }
        defer { CMS_ContentInfo_free(cms) }
        return try MemoryBIO.collecting({ i2d_CMS_bio($0, cms) == 1 }, what: "ghi chữ ký số")
    }

    /// Reads a DER-encoded CMS SignedData in the bundle profile; refuses anything else.
    /// The embedded certificates are parsed once per node (``CertificateCache``).
    public init(der: Data) throws {
        let structure: SignedData
        do {
            structure = try SignedData(der: der)
        } catch let failure as SignedData.Failure {
            throw BundleError.malformedSignature(failure.reason)
        } catch let weak as SignedData.WeakDigest {
            throw BundleError.weakDigest(weak.name)
        }
        do {
            certificates = try structure.certificates.map { try CertificateCache.shared.certificate(der: $0) }
        } catch let error as BundleError where error.code == .cryptoFailure {
            throw error
        } catch {
            throw BundleError.malformedSignature("chứng thư kèm theo chữ ký bị hỏng")
        }
        self.der = der
        signer = structure.signer
        signingTime = structure.signer.signingTime
    }

    /// Checks the signature over `content` — the digest and the signer's key — and returns
    /// the signer's certificate. Says nothing about whether that certificate is trusted.
    public func verify(content: Data) throws -> Certificate {
        try verify(contentDigest: SHA256Digest.digest(of: content))
    }

    /// As ``verify(content:)``, given the content's SHA-256 already computed.
    public func verify(contentDigest: [UInt8]) throws -> Certificate {
        guard let certificate = certificates.first(where: { signer.identifies($0) }) else {
            throw BundleError.malformedSignature("không kèm chứng thư của người ký")
        }
        guard let key = X509_get0_pubkey(certificate.pointer) else {
            ERR_clear_error()  // the reason is said below; nothing stale for a later log line
            throw BundleError.malformedSignature("không đọc được khóa công khai của người ký")
        }
        let keyType = EVP_PKEY_get_base_id(key)
        switch signer.signatureAlgorithm {
        case .rsaPKCS1 where keyType == EVP_PKEY_RSA, .ecdsa where keyType == EVP_PKEY_EC: break
        default: throw BundleError.malformedSignature("thuật toán ký không khớp với khóa của chứng thư")
        }
        guard signer.messageDigest.elementsEqual(contentDigest) else {
            throw Self.mismatch("message digest attribute differs from the SHA-256 of the content")
        }
        let verified = signer.signature.withUnsafeBufferPointer { signature in
            signer.signedAttributes.withUnsafeBufferPointer { attributes in
                baocao_verify_sha256(key, SHA256Digest.algorithm, signature.baseAddress, signature.count, attributes.baseAddress, attributes.count)
            }
        }
        switch verified {
        case 1: return certificate
        case 0: throw Self.mismatch("signature over the signed attributes does not verify: \(OpenSSLFailure.drain())")
        default: throw BundleError.cryptoFailure("kiểm tra chữ ký số")
        }
    }

    private static func mismatch(_ detail: String) -> BundleError {
        BundleError(.signatureInvalid,
            message: "Chữ ký số không khớp với nội dung: gói tin đã bị sửa đổi sau khi ký hoặc chữ ký bị hỏng.",
            log: "CMS signature does not verify: \(detail)")
    }
}

extension SignerInfo {
    /// Whether `certificate` is the one this signer names.
    func identifies(_ certificate: Certificate) -> Bool {
        switch identifier {
        case .issuerAndSerialNumber(let issuer, let serial):
            guard let names = certificate.issuerAndSerialNumber else { return false }
            return names.serial.elementsEqual(serial) && names.issuer.elementsEqual(issuer)
        case .subjectKeyIdentifier(let identifier):
            guard let octets = X509_get0_subject_key_id(certificate.pointer), let bytes = ASN1_STRING_get0_data(octets) else { return false }
            return UnsafeBufferPointer(start: bytes, count: Int(ASN1_STRING_length(octets))).elementsEqual(identifier)
        }
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
