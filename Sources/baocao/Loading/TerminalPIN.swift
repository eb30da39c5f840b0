#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Asks for a token's PIN on the controlling terminal, without echo. The PIN is read from
/// `/dev/tty`, not standard input, so that a command's input stays its own; it is never
/// written anywhere.
enum TerminalPIN {
    /// A prompt for the PIN, or nil when the process has no terminal to ask on (a service,
    /// a pipe): then the PIN must come from the environment variable the configuration names.
    static var prompt: (@Sendable (String) throws -> String)? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return { token in try ask("Nhập mã PIN của thẻ ký số (\(token)): ") }
    }

    static func ask(_ question: String) throws -> String {
        let terminal = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard terminal >= 0 else { throw CLIError("Không mở được cửa sổ dòng lệnh để hỏi mã PIN của thẻ ký số.") }
        defer { close(terminal) }
        var saved = termios()
        guard tcgetattr(terminal, &saved) == 0 else { throw CLIError("Không tắt được hiển thị khi nhập mã PIN: không hỏi mã PIN.") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        guard tcsetattr(terminal, TCSAFLUSH, &silent) == 0 else { throw CLIError("Không tắt được hiển thị khi nhập mã PIN: không hỏi mã PIN.") }
        defer { _ = tcsetattr(terminal, TCSAFLUSH, &saved) }
        _ = question.withCString { write(terminal, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(terminal, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
            if byte != UInt8(ascii: "\r") { bytes.append(byte) }
            if bytes.count > 256 { break }
        }
        guard !bytes.isEmpty else { throw CLIError("Chưa nhập mã PIN của thẻ ký số: không ký.") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
