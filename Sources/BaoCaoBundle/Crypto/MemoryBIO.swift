import COpenSSL
import Foundation

/// Bytes in and out of libcrypto through memory BIOs.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `data`; the BIO does not outlive the call.
    static func withReading<T>(_ data: Data, _ body: (OpaquePointer) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
                throw BundleError.cryptoFailure("tạo bộ đệm")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Runs `write` against a fresh memory BIO and returns what it wrote.
    static func collecting(_ write: (OpaquePointer) throws -> Bool, what: String) throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else { throw BundleError.cryptoFailure("tạo bộ đệm") }
        defer { BIO_free(bio) }
        guard try write(bio) else { throw BundleError.cryptoFailure(what) }
        var pointer: UnsafeMutablePointer<CChar>? = nil
        let length = baocao_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return Data() }
        return Data(bytes: pointer, count: length)
    }
}
