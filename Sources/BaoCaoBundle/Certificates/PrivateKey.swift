import BaoCaoCore
import COpenSSL
import Foundation

/// A private key, held by libcrypto: RSA (the government CA's certificates, 2048 bits or
/// more) or ECDSA on P-256.
public final class PrivateKey: @unchecked Sendable {
    /// The kinds of key BaoCao makes.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: Hashable { case rsa(bits: Int), ecP256 }
        fileprivate let base: Base
        fileprivate init(base: Base) { self.base = base }

        public static let rsa2048 = Kind(base: .rsa(bits: 2048))
        public static let rsa3072 = Kind(base: .rsa(bits: 3072))
        public static let ecP256 = Kind(base: .ecP256)

        /// RSA of any size: only tests make a key below ``AlgorithmFloor``, to show it refused.
        static func rsa(bits: Int) -> Kind { Kind(base: .rsa(bits: bits)) }

        /// `rsa` (2048 bits), `rsa3072` or `ec` (P-256), as written on the command line.
        public init?(name: String) {
            switch name.lowercased() {
            case "rsa", "rsa2048": self = .rsa2048
            case "rsa3072": self = .rsa3072
            case "ec", "ecdsa", "p256", "p-256": self = .ecP256
            default: return nil
            }
        }

        public var description: String {
            switch base {
            case .rsa(let bits): "RSA \(bits)"
            case .ecP256: "ECDSA P-256"
            }
        }
    }

    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { EVP_PKEY_free(pointer) }

    /// Generates a fresh key.
    public static func generate(_ kind: Kind) throws -> PrivateKey {
        let pointer: OpaquePointer?
        switch kind.base {
        case .rsa(let bits): pointer = baocao_generate_rsa(UInt32(bits))
        case .ecP256: pointer = baocao_generate_ec_p256()
        }
        guard let pointer else { throw BundleError.cryptoFailure("tạo khóa \(kind)") }
        return PrivateKey(owning: pointer)
    }

    /// Reads a PEM private key (PKCS#8 or traditional), decrypting it with `password` if it is encrypted.
    public convenience init(pem: Data, password: String? = nil) throws {
        let pointer: OpaquePointer? = try MemoryBIO.withReading(pem) { bio in
            if let password {
                return password.withCString { PEM_read_bio_PrivateKey(bio, nil, nil, UnsafeMutableRawPointer(mutating: $0)) }
            }
            // An empty password: an encrypted key fails instead of prompting on the terminal.
            return "".withCString { PEM_read_bio_PrivateKey(bio, nil, nil, UnsafeMutableRawPointer(mutating: $0)) }
        }
        guard let pointer else { throw BundleError.invalidKey(encrypted: pem.contains(Data("ENCRYPTED".utf8))) }
        // Owned first, checked second: a weak key is freed with this object when the check throws.
        self.init(owning: pointer)
        try Self.checkStrength(pointer)
    }

    /// The key as PEM (PKCS#8), encrypted with AES-256 if a password is given.
    public func pem(password: String? = nil) throws -> Data {
        try MemoryBIO.collecting({ bio in
            if let password {
                let bytes = Array(password.utf8)
                return bytes.withUnsafeBufferPointer { buffer in
                    PEM_write_bio_PKCS8PrivateKey(bio, pointer, EVP_aes_256_cbc(),
                        UnsafeMutablePointer(mutating: buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }),
                        Int32(bytes.count), nil, nil) == 1
                }
            }
            return PEM_write_bio_PKCS8PrivateKey(bio, pointer, nil, nil, 0, nil, nil) == 1
        }, what: "ghi khóa bí mật")
    }

    /// Whether this key is the private half of the certificate's public key.
    public func matches(_ certificate: Certificate) -> Bool {
        guard X509_check_private_key(certificate.pointer, pointer) == 1 else {
            ERR_clear_error()  // the mismatch is the answer, not a failure to report later
            return false
        }
        return true
    }

    /// Refuses keys too weak for government signatures: RSA under 2048 bits, EC curves other than P-256.
    static func checkStrength(_ pointer: OpaquePointer) throws {
        let bits = EVP_PKEY_get_bits(pointer)
        switch EVP_PKEY_get_base_id(pointer) {
        case EVP_PKEY_RSA where bits >= 2048: return
        case EVP_PKEY_EC where bits == 256: return
        default: throw BundleError.weakKey(bits: Int(bits))
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidKey = Self("invalidKey")
    public static let weakKey = Self("weakKey")
    public static let keyMismatch = Self("keyMismatch")
}

extension BundleError {
    static func invalidKey(encrypted: Bool, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidKey,
            message: encrypted ? "Không mở được khóa bí mật: sai mật khẩu hoặc tệp khóa bị hỏng."
                               : "Không đọc được khóa bí mật. Hãy kiểm tra tệp khóa (PEM).",
            log: "cannot read private key: \(OpenSSLFailure.drain())", file: file, line: line)
    }

    static func weakKey(bits: Int, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.weakKey,
            message: "Khóa \(bits) bit không đủ mạnh: chỉ chấp nhận RSA từ 2048 bit hoặc ECDSA P-256.",
            log: "key too weak or unsupported: \(bits) bits", file: file, line: line)
    }

    static func keyMismatch(_ certificate: Certificate, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.keyMismatch,
            message: "Khóa bí mật không khớp với chứng thư số \(certificate.subject).",
            log: "private key does not match certificate \(certificate.fingerprint)", file: file, line: line)
    }
}
