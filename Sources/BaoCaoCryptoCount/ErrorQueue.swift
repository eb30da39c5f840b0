import COpenSSL

/// libcrypto's error queue, which BaoCao empties whenever it reports a failure: an error
/// left queued would turn up in the log line of a later, unrelated failure.
enum ErrorQueue {
    static func expectEmpty(after step: String) throws {
        let code = ERR_peek_error()
        guard code != 0 else { return }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        ERR_clear_error()
        throw CountFailure("an error was left in libcrypto's queue after \(step): "
                           + String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
