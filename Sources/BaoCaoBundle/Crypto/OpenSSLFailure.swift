import BaoCaoCore
import COpenSSL

/// The reasons libcrypto queued for the last failure, for logs; clears the queue.
enum OpenSSLFailure {
    static func drain() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.isEmpty ? "no OpenSSL error queued" : reasons.joined(separator: "; ")
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let cryptoFailure = Self("cryptoFailure")
}

extension BundleError {
    /// libcrypto failed at something that should not fail (out of memory, a broken key).
    static func cryptoFailure(_ what: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.cryptoFailure,
            message: "Lỗi thư viện mã hóa khi \(what).",
            log: "libcrypto failure while \(what): \(OpenSSLFailure.drain())", file: file, line: line)
    }
}
