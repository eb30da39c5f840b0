import BaoCaoBundle
import COpenSSL
import Foundation

/// The raw reference for signing a bundle: libcrypto alone, `EVP_DigestSign` with SHA-256
/// (fetched once, as BaoCao does) and one signature — RSA PKCS #1 v1.5 or ECDSA — over
/// each message, with the very key the bundles are signed with (read from its PEM into a
/// key of libcrypto's own), a context made for each message as BaoCao makes one.
final class RawSign {
    private let key: OpaquePointer

    init(key privateKey: PrivateKey) throws {
        let pem = try privateKey.pem()
        let bio = pem.withUnsafeBytes { BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }
        guard let bio else { throw BenchmarkFailure("BIO_new_mem_buf") }
        defer { BIO_free(bio) }
        guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else { throw BenchmarkFailure("the signing key does not read back") }
        self.key = key
    }

    deinit { EVP_PKEY_free(key) }

    /// Signs each message once; returns the seconds taken.
    func sign(_ messages: ArraySlice<Data>) throws -> Double {
        var signature = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(key)))
        var produced = 0
        let seconds = try measure {
            for message in messages {
                guard let context = EVP_MD_CTX_new() else { throw BenchmarkFailure("EVP_MD_CTX_new") }
                defer { EVP_MD_CTX_free(context) }
                var length = signature.count
                let signed = message.withUnsafeBytes { raw in
                    EVP_DigestSignInit(context, nil, SHA256Digest.algorithm, nil, key) == 1
                        && EVP_DigestSign(context, &signature, &length, raw.bindMemory(to: UInt8.self).baseAddress, raw.count) == 1
                }
                guard signed else { throw BenchmarkFailure("raw signing failed") }
                produced += length
            }
        }
        precondition(produced > 0 || messages.isEmpty)
        return seconds
    }
}
