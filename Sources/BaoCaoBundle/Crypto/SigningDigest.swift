import COpenSSL

/// The digest a signature or a certificate is made with. BaoCao signs with SHA-256 only;
/// SHA-1 is here so that tests can make what a weak signer would and see it refused
/// (``AlgorithmFloor``).
enum SigningDigest: Sendable {
    case sha256
    case sha1

    /// libcrypto's algorithm.
    var algorithm: OpaquePointer? {
        switch self {
        case .sha256: EVP_sha256()
        case .sha1: EVP_sha1()
        }
    }
}
