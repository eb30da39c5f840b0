import COpenSSL
import Foundation

/// Bytes in and out of libcrypto through memory BIOs.
enum MemoryBIO {
    /// A buffer of nothing, for empty data: never read, never freed.
    nonisolated(unsafe) private static let empty = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    /// Runs `body` with a read-only BIO over `data`; the BIO does not outlive the call.
    ///
    /// Empty data gives an empty BIO (libcrypto refuses a null buffer, which is what an
    /// empty `Data` has).
    static func withReading<T>(_ data: Data, _ body: (OpaquePointer) throws -> T) throws -> T {
        guard data.count <= Int(Int32.max) else { throw BundleError.cryptoFailure("đọc dữ liệu quá 2 GiB") }
        return try data.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress ?? UnsafeRawPointer(empty), Int32(raw.count)) else { throw BundleError.cryptoFailure("tạo bộ đệm") }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Runs `write` against a fresh memory BIO and returns what it wrote; throws if
    /// `write` reports a failure, or wrote nothing unless `allowingEmpty`.
    static func collecting(_ write: (OpaquePointer) throws -> Bool, what: String, allowingEmpty: Bool = false) throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else { throw BundleError.cryptoFailure("tạo bộ đệm") }
        defer { BIO_free(bio) }
        guard try write(bio) else { throw BundleError.cryptoFailure(what) }
        var pointer: UnsafeMutablePointer<CChar>? = nil
        let length = baocao_BIO_get_mem_data(bio, &pointer)
        if length == 0, allowingEmpty { return Data() }
        guard let pointer, length > 0 else { throw BundleError.cryptoFailure(what) }
        return Data(bytes: pointer, count: length)
    }
}
