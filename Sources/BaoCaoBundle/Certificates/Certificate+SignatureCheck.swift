import COpenSSL
import Foundation

extension Certificate {
    /// Whether `signature` is a SHA-256 signature over `data` by this certificate's key (RSA
    /// PKCS #1 v1.5, or DER ECDSA): `false` for a wrong or malformed signature. Throws when
    /// the key cannot be read, or libcrypto cannot check at all (`what` names the check).
    func verifiesSHA256(_ signature: ArraySlice<UInt8>, over data: ArraySlice<UInt8>, what: String) throws -> Bool {
        guard let key = X509_get0_pubkey(pointer) else {
            ERR_clear_error()  // the reason is said here; nothing stale for a later log line
            throw BundleError.malformedSignature("không đọc được khóa công khai của người ký")
        }
        let verified = signature.withUnsafeBufferPointer { signature in
            data.withUnsafeBufferPointer { data in
                baocao_verify_sha256(key, SHA256Digest.algorithm, signature.baseAddress, signature.count, data.baseAddress, data.count)
            }
        }
        switch verified {
        case 1: return true
        case 0: return false
        default: throw BundleError.cryptoFailure(what)
        }
    }
}
