import BaoCaoCore
import COpenSSL
import Foundation

/// The weakest cryptography a signature may rest on: every certificate's key at least RSA
/// 2048 bits or an elliptic curve of 256 bits (P-256), and every certificate signed with
/// SHA-256 or better — OpenSSL's security level 2, which ``TrustStore`` also sets on its
/// store, checked here once more in our own words so that the refusal says which
/// certificate is weak and why ("khóa RSA 1024 bit quá yếu").
///
/// Why both: libcrypto's level 2 allows 112-bit security, so P-224 passes it; and its
/// refusal is an English line. The signature's own digest (the CMS SignerInfo) is held to
/// SHA-256 by ``SignedData``, which refuses SHA-1 and MD5 with ``BundleError/weakDigest(_:)``.
public enum AlgorithmFloor {
    /// OpenSSL's security level for chains: 112 bits (RSA 2048, SHA-256 signatures).
    public static let securityLevel: Int32 = 2
    /// The smallest RSA modulus accepted, in bits.
    public static let minimumRSABits: Int32 = 2048
    /// The smallest elliptic-curve order accepted, in bits (P-256).
    public static let minimumECBits: Int32 = 256

    /// Throws ``BundleError/weakAlgorithm(_:reason:)`` for the first certificate of `chain`
    /// (leaf first, anchor last) whose key or signature is below the floor. The trust
    /// anchor's own self-signature says nothing (the anchor is trusted as installed), so
    /// only its key is checked.
    public static func check(_ chain: [Certificate]) throws {
        for (index, certificate) in chain.enumerated() {
            if let reason = keyWeakness(of: certificate) {
                throw BundleError.weakAlgorithm(certificate, reason: reason)
            }
            let isAnchor = index == chain.count - 1 && certificate.subject == certificate.issuer
            if !isAnchor, let reason = signatureWeakness(of: certificate) {
                throw BundleError.weakAlgorithm(certificate, reason: reason)
            }
        }
    }

    /// Why a certificate's public key is too weak, in Vietnamese, or nil.
    static func keyWeakness(of certificate: Certificate) -> String? {
        guard let key = X509_get0_pubkey(certificate.pointer) else {
            ERR_clear_error()
            return "không đọc được khóa công khai"
        }
        let bits = EVP_PKEY_get_bits(key)
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA:
            return bits >= minimumRSABits ? nil : "khóa RSA \(bits) bit quá yếu (tối thiểu RSA \(minimumRSABits) bit hoặc ECDSA P-256)"
        case EVP_PKEY_EC:
            return bits >= minimumECBits ? nil : "khóa ECDSA \(bits) bit quá yếu (tối thiểu ECDSA P-256 hoặc RSA \(minimumRSABits) bit)"
        default:
            return "loại khóa không được chấp nhận (chỉ RSA từ \(minimumRSABits) bit hoặc ECDSA P-256)"
        }
    }

    /// Why the signature on a certificate is too weak (its digest), in Vietnamese, or nil.
    static func signatureWeakness(of certificate: Certificate) -> String? {
        var digest: Int32 = NID_undef
        var publicKey: Int32 = NID_undef
        guard OBJ_find_sigid_algs(X509_get_signature_nid(certificate.pointer), &digest, &publicKey) == 1 else {
            return "thuật toán ký chứng thư không được hỗ trợ"
        }
        switch digest {
        case NID_sha256, NID_sha384, NID_sha512: return nil
        default:
            let name = digest == NID_undef ? "không rõ" : String(cString: OBJ_nid2sn(digest))
            return "chứng thư được ký bằng thuật toán băm \(name.uppercased()) quá yếu (tối thiểu SHA-256)"
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    /// A key, a certificate signature or a signature digest below ``AlgorithmFloor``.
    public static let weakAlgorithm = Self("weakAlgorithm")
}

extension BundleError {
    static func weakAlgorithm(_ certificate: Certificate, reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.weakAlgorithm,
                    message: "Chứng thư số \(certificate.subject) không đạt mức an toàn tối thiểu: \(reason).",
                    log: "certificate \(certificate.fingerprint) below the algorithm floor: \(reason)", file: file, line: line)
    }

    static func weakDigest(_ name: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.weakAlgorithm,
                    message: "Chữ ký số dùng thuật toán băm \(name) quá yếu (tối thiểu SHA-256).",
                    log: "signature digest \(name) below the algorithm floor", file: file, line: line)
    }
}
