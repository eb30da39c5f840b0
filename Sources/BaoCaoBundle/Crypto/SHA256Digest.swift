import COpenSSL
import Foundation

/// SHA-256, through libcrypto: bundle ids, part hashes and certificate fingerprints.
public enum SHA256Digest {
    /// The SHA-256 implementation, fetched from the provider once. `EVP_sha256()` makes
    /// libcrypto 3 look the algorithm up by name on every use, which costs as much as
    /// hashing a manifest.
    nonisolated(unsafe) public static let algorithm: OpaquePointer = {
        guard let fetched = EVP_MD_fetch(nil, "SHA256", nil) else { fatalError("libcrypto has no SHA-256") }
        return fetched
    }()

    /// The digest of `data` as 64 lowercase hex digits.
    public static func hex(of data: Data) -> String {
        hexString(bytes(of: data))
    }

    public static func bytes(of data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, algorithm, nil)
        }
        precondition(ok == 1 && length == 32, "SHA-256 failed")
        return digest
    }

    /// Bytes as lowercase hex.
    public static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes a hex digest spells, lowercase only; a sequence that matches no digest
    /// when `text` is not 64 lowercase hex digits.
    static func hexBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var high: UInt8?
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 97...102: value = byte - 87
            default: return []
            }
            if let first = high {
                out.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return high == nil && out.count == 32 ? out : []
    }

    /// Whether `text` looks like a SHA-256 in hex (64 lowercase hex digits).
    public static func isHex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// An incremental SHA-256, for streams (uploads) that do not fit in memory at once.
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    public init() {
        context = EVP_MD_CTX_new()
        precondition(EVP_DigestInit_ex(context, SHA256Digest.algorithm, nil) == 1, "SHA-256 init failed")
    }

    deinit { EVP_MD_CTX_free(context) }

    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { raw in
            _ = EVP_DigestUpdate(context, raw.baseAddress, raw.count)
        }
    }

    public consuming func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1, "SHA-256 final failed")
        return SHA256Digest.hexString(digest)
    }
}
