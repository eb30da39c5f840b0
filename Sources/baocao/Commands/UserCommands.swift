import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Tài khoản tại nút: thêm, đổi mật khẩu, cấp và thu hồi vai trò, khóa, mở khóa, liệt kê, khôi phục quản trị.",
        subcommands: [Add.self, Passwd.self, RoleChange.self, Lock.self, Unlock.self, List.self, Recover.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Thêm tài khoản. Khi nút chưa có tài khoản nào, tài khoản đầu tiên (phải có vai trò admin) được thêm không cần --user.")

        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Tên đăng nhập mới.") var login: String
        @Option(name: .long, help: "Họ tên hiển thị.") var name: String
        @Option(name: .long, parsing: .upToNextOption, help: "Vai trò: admin, aggregator, approver, dataEntry, viewer (một hoặc nhiều).")
        var role: [Role]
        @Flag(name: .long, help: "Đọc mật khẩu mới từ dòng đầu của đầu vào chuẩn (nếu không: biến BAOCAO_NEW_PASSWORD, hoặc hỏi).")
        var passwordStdin = false

        func run() throws {
            let node = try NodeContext(configFile: config)
            let service = AccountService(store: node.store, policy: node.configuration.effectiveSecurity)
            let now = Date()
            // No --user: the node's first account.
            let actor = try acting.user.map { _ in try acting.actor(store: node.store, configuration: node.configuration, now: now) }
            try service.checkMayAddUser(by: actor)
            let password = try PasswordPrompt.newPassword(fromStandardInput: passwordStdin, for: login)
            let account = try service.addUser(login: login, displayName: name, roles: Set(role), password: password, by: actor, at: now)
            print("Đã thêm tài khoản \(account.login) (\(account.displayName)), vai trò: \(UserText.roles(account.roles)).")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Đổi mật khẩu: của chính mình (mật khẩu hiện tại trong BAOCAO_PASSWORD hoặc được hỏi; được cả khi đã quá hạn), hoặc quản trị đặt lại cho người khác (--user).")

        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Tên đăng nhập có mật khẩu cần đổi.") var login: String
        @Flag(name: .long, help: "Đọc mật khẩu mới từ dòng đầu của đầu vào chuẩn.") var passwordStdin = false

        func run() throws {
            let node = try NodeContext(configFile: config)
            let service = AccountService(store: node.store, policy: node.configuration.effectiveSecurity)
            let now = Date()
            let own = acting.user.map { AccountService.normalize($0).caseInsensitiveCompare(AccountService.normalize(login)) == .orderedSame } ?? true
            if own {
                let current = try ActorOptions.password(for: login)
                let signIn = try service.signIn(login: login, password: current, at: now)
                let new = try PasswordPrompt.newPassword(fromStandardInput: passwordStdin, for: login)
                try service.changePassword(login: login, current: current, new: new, by: signIn.actor, at: now)
            } else {
                let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
                try service.checkMayChangePassword(of: login, by: actor)
                let new = try PasswordPrompt.newPassword(fromStandardInput: passwordStdin, for: login)
                try service.changePassword(login: login, current: nil, new: new, by: actor, at: now)
            }
            print("Đã đổi mật khẩu của \(AccountService.normalize(login)).")
        }
    }

    struct RoleChange: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Cấp (--grant) và thu hồi (--withdraw) vai trò.")

        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Tên đăng nhập.") var login: String
        @Option(name: .long, parsing: .upToNextOption, help: "Vai trò cấp thêm.") var grant: [Role] = []
        @Option(name: .long, parsing: .upToNextOption, help: "Vai trò thu hồi.") var withdraw: [Role] = []

        func run() throws {
            let node = try NodeContext(configFile: config)
            let now = Date()
            let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
            let roles = try AccountService(store: node.store, policy: node.configuration.effectiveSecurity)
                .changeRoles(login: login, grant: Set(grant), withdraw: Set(withdraw), by: actor, at: now)
            print("Vai trò của \(AccountService.normalize(login)) nay là: \(UserText.roles(roles)).")
        }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lock", abstract: "Khóa tài khoản.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Tên đăng nhập.") var login: String

        func run() throws {
            let node = try NodeContext(configFile: config)
            let now = Date()
            let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
            try AccountService(store: node.store, policy: node.configuration.effectiveSecurity).lock(login: login, by: actor, at: now)
            print("Đã khóa tài khoản \(AccountService.normalize(login)).")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Mở khóa tài khoản (và xóa số lần đăng nhập sai).")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Tên đăng nhập.") var login: String

        func run() throws {
            let node = try NodeContext(configFile: config)
            let now = Date()
            let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
            try AccountService(store: node.store, policy: node.configuration.effectiveSecurity).unlock(login: login, by: actor, at: now)
            print("Đã mở khóa tài khoản \(AccountService.normalize(login)).")
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Khôi phục tài khoản quản trị khi không còn quản trị viên nào đăng nhập được: mở khóa và đặt mật khẩu mới. "
                + "Chạy tại máy chủ của nút, bằng người dùng hệ điều hành giữ tệp của nút; không cần đăng nhập; được ghi vào nhật ký kiểm toán.")

        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @Argument(help: "Tên đăng nhập của quản trị viên cần khôi phục.") var login: String
        @Flag(name: .long, help: "Đọc mật khẩu mới từ dòng đầu của đầu vào chuẩn (nếu không: biến BAOCAO_NEW_PASSWORD, hoặc hỏi).")
        var passwordStdin = false

        func run() throws {
            let node = try NodeContext(configFile: config)
            let service = AccountService(store: node.store, policy: node.configuration.effectiveSecurity)
            let now = Date()
            let password = try PasswordPrompt.newPassword(fromStandardInput: passwordStdin, for: login)
            try service.recoverAdmin(login: login, newPassword: password, operatorName: LocalOperator.name, at: now)
            print("Đã khôi phục tài khoản quản trị \(AccountService.normalize(login)): đã mở khóa và đặt mật khẩu mới. "
                + "Việc khôi phục đã được ghi vào nhật ký kiểm toán.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê tài khoản.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Flag(name: .long, help: "In kết quả dạng JSON.") var json = false

        func run() throws {
            let node = try NodeContext(configFile: config)
            let now = Date()
            let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
            let accounts = try AccountService(store: node.store, policy: node.configuration.effectiveSecurity).list(by: actor)
            if json {
                print(JSONValue.array(accounts.map { a in
                    .object([("login", .string(a.login)), ("name", .string(a.displayName)),
                             ("roles", .array(a.roles.sorted().map { .string($0.rawValue) })),
                             ("locked", .bool(a.locked)),
                             ("lockedUntil", a.lockedUntil.map { .string(StoredTime.text($0)) } ?? .null),
                             ("failedAttempts", .int(a.failedAttempts)),
                             ("passwordChangedAt", .string(StoredTime.text(a.passwordChangedAt))),
                             ("passwordExpiresAt", a.passwordExpiresAt.map { .string(StoredTime.text($0)) } ?? .null),
                             ("createdAt", .string(StoredTime.text(a.createdAt)))])
                }).text)
                return
            }
            for a in accounts {
                var notes: [String] = []
                if a.locked { notes.append("ĐANG KHÓA") }
                if let until = a.lockedUntil, now < until { notes.append("TẠM KHÓA đến \(VietnamTime.displayText(until)) do nhập sai mật khẩu") }
                if let expiry = a.passwordExpiresAt { notes.append(expiry <= now ? "mật khẩu đã quá hạn" : "mật khẩu hết hạn \(VietnamTime.displayText(expiry))") }
                print("\(a.login)\t\(a.displayName)\t\(UserText.roles(a.roles))\t\(notes.joined(separator: "; "))")
            }
            if accounts.isEmpty { print("Chưa có tài khoản nào.") }
        }
    }
}

enum UserText {
    static func roles(_ roles: Set<Role>) -> String {
        roles.sorted().map { "\($0.rawValue) (\($0.displayName))" }.joined(separator: ", ")
    }
}
