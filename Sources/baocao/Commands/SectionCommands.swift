import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

struct SectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "section",
        abstract: "Phòng, ban của đơn vị: thêm, trưởng phòng, thành viên, ủy quyền duyệt số liệu, thu hồi, liệt kê.",
        subcommands: [Add.self, Head.self, Member.self, Delegate.self, Revoke.self, List.self]
    )

    /// The node, the person acting, and the service.
    struct Session {
        let service: SectionService
        let actor: StaffMember
        let now: Date

        init(config: String, acting: ActorOptions) throws {
            let node = try NodeContext(configFile: config)
            now = Date()
            actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
            service = SectionService(store: node.store)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Thêm phòng, ban.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã phòng, ban.") var code: String
        @Option(name: .long, help: "Tên phòng, ban.") var name: String
        @Option(name: .long, help: "Tên đăng nhập của trưởng phòng, ban.") var head: String?

        func run() throws {
            let s = try Session(config: config, acting: acting)
            try s.service.addSection(code: code, name: name, head: head, by: s.actor, at: s.now)
            print("Đã thêm phòng, ban \(code): \(name).")
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "head", abstract: "Chỉ định (hoặc bỏ, --clear) trưởng phòng, ban.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã phòng, ban.") var code: String
        @Argument(help: "Tên đăng nhập của trưởng phòng, ban.") var login: String?
        @Flag(name: .long, help: "Bỏ trưởng phòng, ban.") var clear = false

        func run() throws {
            guard (login == nil) == clear else { throw CLIError("Hãy nêu tên đăng nhập của trưởng phòng, ban, hoặc --clear để bỏ.") }
            let s = try Session(config: config, acting: acting)
            try s.service.setHead(section: code, login: login, by: s.actor, at: s.now)
            print(login.map { "Trưởng \(code) nay là \($0)." } ?? "Đã bỏ trưởng \(code).")
        }
    }

    struct Member: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "member", abstract: "Thêm (hoặc bớt, --remove) người vào phòng, ban.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã phòng, ban.") var code: String
        @Argument(help: "Tên đăng nhập (một hoặc nhiều).") var logins: [String]
        @Flag(name: .long, help: "Bớt khỏi phòng, ban.") var remove = false

        func run() throws {
            let s = try Session(config: config, acting: acting)
            try s.service.setMembers(section: code, logins: logins, remove: remove, by: s.actor, at: s.now)
            print("\(remove ? "Đã bớt khỏi" : "Đã thêm vào") \(code): \(logins.joined(separator: ", ")).")
        }
    }

    struct Delegate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delegate", abstract: "Lãnh đạo ủy quyền duyệt số liệu của phòng, ban cho một người (trưởng phòng, ban cũng chỉ duyệt được khi được ủy quyền).")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã phòng, ban.") var code: String
        @Argument(help: "Tên đăng nhập người được ủy quyền.") var login: String

        func run() throws {
            let s = try Session(config: config, acting: acting)
            try s.service.delegate(section: code, to: login, by: s.actor, at: s.now)
            print("Đã ủy quyền duyệt số liệu của \(code) cho \(login).")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Thu hồi ủy quyền duyệt số liệu.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã phòng, ban.") var code: String
        @Argument(help: "Tên đăng nhập người được ủy quyền.") var login: String

        func run() throws {
            let s = try Session(config: config, acting: acting)
            try s.service.revoke(section: code, from: login, by: s.actor, at: s.now)
            print("Đã thu hồi ủy quyền duyệt số liệu của \(code) đối với \(login).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê phòng, ban.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Flag(name: .long, help: "In kết quả dạng JSON.") var json = false

        func run() throws {
            let s = try Session(config: config, acting: acting)
            let sections = try s.service.list(by: s.actor)
            if json {
                print(JSONValue.array(sections.map { x in
                    .object([("code", .string(x.code)), ("name", .string(x.name)), ("head", x.head.map(JSONValue.string) ?? .null),
                             ("members", .array(x.members.map(JSONValue.string))), ("delegates", .array(x.delegates.map(JSONValue.string)))])
                }).text)
                return
            }
            for x in sections {
                print("\(x.code)\t\(x.name)\ttrưởng: \(x.head ?? "—")\tthành viên: \(x.members.joined(separator: ", "))\tủy quyền duyệt: \(x.delegates.joined(separator: ", "))")
            }
            if sections.isEmpty { print("Chưa có phòng, ban nào.") }
        }
    }
}
