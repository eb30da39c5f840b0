import BaoCaoCore
import COpenSSL
import Foundation

/// The CMS inside a PDF signature (PAdES, SubFilter `ETSI.CAdES.detached`): detached over
/// the bytes a signature dictionary's `/ByteRange` names, SHA-256, with the content-type,
/// message-digest and ESS signing-certificate-v2 signed attributes, the signer's
/// certificate and its chain. The same CMS code as bundles: the key is any
/// ``SigningIdentity`` (a file's, or a token's once it is one).
public enum PAdESSignature {
    /// The DER CMS over `signedBytes` (the PDF without its `/Contents` hole).
    public static func sign(_ signedBytes: Data, with identity: SigningIdentity, at signingTime: Date) throws -> Data {
        guard let chain = baocao_sk_X509_new_null() else { throw BundleError.cryptoFailure("tạo chuỗi chứng thư") }
        defer { baocao_sk_X509_pop_free(chain) }
        for certificate in identity.chain where baocao_sk_X509_push_up_ref(chain, certificate.pointer) != 1 {
            throw BundleError.cryptoFailure("ghép chuỗi chứng thư")
        }
        let cms = try MemoryBIO.withReading(signedBytes) { bio in
            baocao_cms_sign_cades_detached(identity.certificate.pointer, identity.key.pointer, chain, bio,
                                           Int64(signingTime.timeIntervalSince1970.rounded(.down)), SigningDigest.sha256.algorithm)
        }
        guard let cms else { throw BundleError.cryptoFailure("ký số tệp PDF") }
        defer { CMS_ContentInfo_free(cms) }
        return try MemoryBIO.collecting({ i2d_CMS_bio($0, cms) == 1 }, what: "ghi chữ ký số PDF")
    }

    /// What a checked PDF signature says.
    public struct Checked: Sendable {
        /// The signer's certificate (not yet judged trusted).
        public let signer: Certificate
        /// Every certificate the signature carries.
        public let certificates: [Certificate]
        /// The signing time the CMS states, if any.
        public let signingTime: Date?
    }

    /// Checks the CMS of a `/Contents` (its zero padding allowed) over `signedBytes`: the
    /// digest and the signer's key. Refuses with a Vietnamese reason.
    public static func verify(contents: Data, signedBytes: Data) throws -> Checked {
        let der = try unpadded(contents)
        let signature: DetachedSignature
        do {
            signature = try DetachedSignature(der: der)
        } catch let error as BundleError where error.code == .malformedSignature || error.code == .weakAlgorithm {
            throw BundleError(.malformedSignature, message: "Chữ ký số trong tệp PDF không hợp lệ: \(error.message)",
                              log: "malformed PDF signature: \(error.logDescription)")
        }
        let signer: Certificate
        do {
            signer = try signature.verify(content: signedBytes)
        } catch let error as BundleError where error.code == .signatureInvalid {
            throw BundleError(.signatureInvalid,
                message: "Chữ ký số không khớp với nội dung: tệp PDF đã bị sửa trong phần được ký sau khi ký.",
                log: "PDF signature does not verify: \(error.logDescription)")
        }
        // `verify(content:)` took the one signer; its attributes were read with the signature.
        try checkSigningCertificate(signedAttributes: signature.signers[0].signedAttributes, signer: signer)
        return Checked(signer: signer, certificates: signature.certificates, signingTime: signature.signingTime)
    }

    /// The ESS signing-certificate-v2 attribute PAdES requires names the signer's very
    /// certificate (its SHA-256).
    static func checkSigningCertificate(signedAttributes: [UInt8], signer: Certificate) throws {
        let hash: [UInt8]?
        do {
            hash = try SigningCertificateV2.certificateHash(inSignedAttributes: signedAttributes)
        } catch {
            throw BundleError(.malformedSignature, message: "Chữ ký số trong tệp PDF không hợp lệ: thuộc tính signing-certificate-v2 (ESS) bị hỏng.",
                              log: "malformed ESS signing-certificate-v2: \(error)")
        }
        guard let hash else {
            throw BundleError(.malformedSignature,
                message: "Chữ ký số trong tệp PDF không theo chuẩn PAdES: thiếu thuộc tính signing-certificate-v2 (ESS) gắn chữ ký với chứng thư của người ký.",
                log: "PAdES signature without ESS signing-certificate-v2")
        }
        guard SHA256Digest.hexString(hash) == signer.fingerprint else {
            throw BundleError(.signatureInvalid,
                message: "Chữ ký số trong tệp PDF gắn với một chứng thư khác chứng thư người ký kèm theo.",
                log: "ESS signing-certificate-v2 hash differs from the signer's certificate")
        }
    }

    /// The DER SEQUENCE at the start of `contents`, without the zeros that fill the rest
    /// of the placeholder.
    static func unpadded(_ contents: Data) throws -> Data {
        var reader = DERReader(bytes: [UInt8](contents)[...])
        guard let sequence = try? reader.read(tag: 0x30) else {
            throw BundleError(.malformedSignature, message: "Chữ ký số trong tệp PDF không hợp lệ: không phải dữ liệu CMS.",
                              log: "PDF /Contents is not a DER SEQUENCE")
        }
        return Data(sequence.whole)
    }
}
