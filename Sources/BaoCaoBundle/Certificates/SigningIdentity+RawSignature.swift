import BaoCaoCore
import COpenSSL
import Foundation

extension SigningIdentity {
    /// Signs `data` with SHA-256 — RSA PKCS #1 v1.5, or ECDSA as a DER `Ecdsa-Sig-Value` —
    /// with the identity's key, whether read from a file or on a token (the token signs).
    /// What a SignerInfo's signature over its DER-encoded signed attributes is.
    public func signSHA256(_ data: Data) throws -> Data {
        let capacity = Int(EVP_PKEY_get_size(key.pointer))
        guard capacity > 0 else { throw BundleError.cryptoFailure("đọc kích thước khóa") }
        var signature = [UInt8](repeating: 0, count: capacity)
        var length = capacity
        let signed = data.withUnsafeBytes { raw in
            baocao_sign_sha256(key.pointer, SHA256Digest.algorithm, raw.baseAddress?.assumingMemoryBound(to: UInt8.self),
                               raw.count, &signature, &length) == 1
        }
        guard signed else { throw BundleError.cryptoFailure("ký số bằng SHA-256") }
        return Data(signature.prefix(length))
    }
}
