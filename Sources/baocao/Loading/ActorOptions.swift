import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who acts: `--user LOGIN`, with the password from the environment variable
/// `BAOCAO_PASSWORD` or, when it is not set, asked for at the terminal without echo.
/// Shared by every command that changes or reads what staff may see.
struct ActorOptions: ParsableArguments {
    static let passwordEnvironment = "BAOCAO_PASSWORD"

    @Option(name: .long, help: "Tên đăng nhập của người thực hiện (mật khẩu lấy từ biến môi trường BAOCAO_PASSWORD, nếu không có thì được hỏi).")
    var user: String?

    /// Signs the person in (audited) and returns them. Refuses an expired password: the
    /// only thing it allows is `baocao user passwd`.
    func actor(store: NodeStore, configuration: NodeConfiguration, now: Date) throws -> StaffMember {
        let login = try requiredLogin()
        let service = AccountService(store: store, policy: configuration.effectiveSecurity)
        return try service.authenticate(login: login, password: try Self.password(for: login), at: now)
    }

    /// The same, letting an expired password through flagged (for changing it).
    func signIn(store: NodeStore, configuration: NodeConfiguration, now: Date) throws -> SignIn {
        let login = try requiredLogin()
        let service = AccountService(store: store, policy: configuration.effectiveSecurity)
        return try service.signIn(login: login, password: try Self.password(for: login), at: now)
    }

    func requiredLogin() throws -> String {
        guard let user, !user.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CLIError("Hãy cho biết ai thực hiện: --user <tên đăng nhập> (mật khẩu trong biến môi trường \(Self.passwordEnvironment) hoặc nhập khi được hỏi).")
        }
        return user
    }

    static func password(for login: String) throws -> String {
        if let password = ProcessInfo.processInfo.environment[passwordEnvironment] { return password }
        return try PasswordPrompt.read("Mật khẩu của \(login): ")
    }
}

/// Reading a secret at the terminal without echoing it.
enum PasswordPrompt {
    static func read(_ prompt: String) throws -> String {
        let tty = open("/dev/tty", O_RDWR)
        guard tty >= 0 else {
            throw CLIError("Không có thiết bị đầu cuối để hỏi mật khẩu; hãy đặt biến môi trường \(ActorOptions.passwordEnvironment) (hoặc dùng --password-stdin khi đặt mật khẩu mới).")
        }
        defer { close(tty) }
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        var saved = termios()
        tcgetattr(tty, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSAFLUSH, &silent)
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            _ = write(tty, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1, byte != 10, byte != 13 { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A new password: the first line of standard input with `--password-stdin`, else the
    /// environment variable `BAOCAO_NEW_PASSWORD`, else asked twice at the terminal.
    static func newPassword(fromStandardInput: Bool, for login: String) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else { throw CLIError("Không đọc được mật khẩu mới từ đầu vào chuẩn.") }
            return line
        }
        if let password = ProcessInfo.processInfo.environment["BAOCAO_NEW_PASSWORD"] { return password }
        let first = try read("Mật khẩu mới của \(login): ")
        guard try read("Nhập lại mật khẩu mới: ") == first else { throw CLIError("Hai lần nhập mật khẩu mới không giống nhau.") }
        return first
    }
}

extension Role: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
