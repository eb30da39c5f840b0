import BaoCaoCore
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
    ///
    /// Stops the process if libcrypto cannot hash, which with the default provider only
    /// happens when it cannot allocate its context — as Swift stops when it cannot
    /// allocate. Code that already throws uses ``digest(of:)``, which throws instead.
    public static func hex(of data: Data) -> String {
        hexString(bytes(of: data))
    }

    /// The digest of `data`; stops the process if libcrypto cannot hash (see ``hex(of:)``).
    public static func bytes(of data: Data) -> [UInt8] {
        do {
            return try digest(of: data)
        } catch {
            fatalError(error.logDescription)
        }
    }

    /// The digest of `data`, or ``BundleError/Code/cryptoFailure`` if libcrypto cannot hash.
    public static func digest(of data: Data) throws(BundleError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, algorithm, nil)
        }
        guard status == 1, length == 32 else { throw BundleError.cryptoFailure("tính mã băm SHA-256") }
        return digest
    }

    /// ``digest(of:)`` as 64 lowercase hex digits.
    public static func hexDigest(of data: Data) throws(BundleError) -> String {
        hexString(try digest(of: data))
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
///
/// A failure of libcrypto (out of memory) is kept and thrown by ``update(data:)`` and
/// ``finalize()``, so a stream is never hashed with a chunk silently missing.
public struct SHA256Hasher: ~Copyable {
    /// The context, or nothing if libcrypto could not make or start one.
    private let context: OpaquePointer?
    private var failure: BundleError?

    public init() {
        let context = EVP_MD_CTX_new()
        if let context, EVP_DigestInit_ex(context, SHA256Digest.algorithm, nil) != 1 {
            EVP_MD_CTX_free(context)
            self.context = nil
        } else {
            self.context = context
        }
        failure = self.context == nil ? BundleError.cryptoFailure("bắt đầu tính mã băm SHA-256") : nil
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `data` to what is hashed.
    public mutating func update(data: Data) throws(BundleError) {
        if let failure { throw failure }
        guard let context else { return }
        let status = data.withUnsafeBytes { raw in EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
        guard status == 1 else {
            let failure = BundleError.cryptoFailure("tính mã băm SHA-256")
            self.failure = failure
            throw failure
        }
    }

    /// The digest of everything added, as 64 lowercase hex digits.
    public consuming func finalize() throws(BundleError) -> String {
        if let failure { throw failure }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard let context, EVP_DigestFinal_ex(context, &digest, &length) == 1, length == 32 else {
            throw BundleError.cryptoFailure("kết thúc tính mã băm SHA-256")
        }
        return SHA256Digest.hexString(digest)
    }

    @available(*, deprecated, renamed: "update(data:)", message: "Use `try update(data:)`: it reports a libcrypto failure instead of stopping the process.")
    public mutating func update(_ data: Data) {
        do {
            try update(data: data)
        } catch {
            fatalError(error.logDescription)
        }
    }

    @available(*, deprecated, renamed: "finalize()", message: "Use `try finalize()`: it reports a libcrypto failure instead of stopping the process.")
    public consuming func finalizeHex() -> String {
        do {
            return try finalize()
        } catch {
            fatalError(error.logDescription)
        }
    }
}
