import ArgumentParser
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Nhật ký hệ thống: xem, kiểm tra chuỗi băm (kể cả với mốc neo cấp trên giữ), xuất mốc neo của đơn vị cấp dưới.",
        subcommands: [List.self, Verify.self, Anchors.self]
    )

    /// Opens the node and signs the reader in.
    static func open(_ config: String, _ acting: ActorOptions) throws -> (AuditService, StaffMember) {
        let node = try NodeContext(configFile: config)
        let actor = try acting.actor(store: node.store, configuration: node.configuration, now: Date())
        return (AuditService(store: node.store, home: node.homeUnit), actor)
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Các mục nhật ký, mới nhất trước.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Option(name: .long, help: "Số mục tối đa.") var limit: Int?
        @Flag(name: .long, help: "In kết quả dạng JSON.") var json = false

        func run() throws {
            let (service, actor) = try AuditCommand.open(config, acting)
            let entries = try service.entries(limit: limit, by: actor)
            if json {
                print(JSONValue.array(entries.map { e in
                    .object([("sequence", .int(Int(e.sequence))), ("at", .string(e.at)), ("actor", .string(e.actor)),
                             ("action", .string(e.action)), ("object", e.object.map(JSONValue.string) ?? .null),
                             ("detail", e.detail.map(JSONValue.string) ?? .null), ("previousHash", .string(e.previousHash)),
                             ("hash", .string(e.hash))])
                }).text)
                return
            }
            for e in entries {
                let time = e.instant.map(VietnamTime.displayText) ?? e.at
                print("#\(e.sequence)\t\(time)\t\(e.actor)\t\(e.action)\t\(e.object ?? "")\t\(e.detail ?? "")")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Tính lại chuỗi băm, đối chiếu các mốc neo đơn vị khác giữ (cấp trên gửi lại trong biên nhận; ở tỉnh, cấp dưới gửi lên) và nêu mục đầu tiên không còn khớp; --anchors thêm mốc neo từ tệp cấp trên xuất.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Option(name: .long, help: "Tệp mốc neo (JSON) do cấp trên xuất bằng baocao audit anchors.") var anchors: String?

        func run() throws {
            let held = try anchors.map { path in
                let file = try AnchorFile.read(path)
                return AuditAnchors(unit: file.unit, heads: file.anchors.map { AuditHead(sequence: $0.sequence, hash: $0.hash) }, source: path)
            }
            let (service, actor) = try AuditCommand.open(config, acting)
            let result = try service.verify(against: held, by: actor)
            guard result.isIntact else { throw CLIError(result.summary) }
            print(result.summary)
        }
    }

    struct Anchors: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anchors",
            abstract: "Ở cấp trên: xuất các mốc neo nhật ký của một đơn vị cấp dưới (JSON), để đơn vị đó kiểm tra bằng baocao audit verify --anchors.")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Argument(help: "Mã đơn vị cấp dưới.") var child: UnitCode
        @Option(name: .long, help: "Tệp ghi ra; mặc định in ra màn hình.") var to: String?

        func run() throws {
            let (service, actor) = try AuditCommand.open(config, acting)
            let records = try service.anchors(of: child, by: actor)
            let text = AnchorFile(unit: child, anchors: records.map {
                .init(sequence: $0.head.sequence, hash: $0.head.hash, bundleId: $0.bundleId, receivedAt: StoredTime.text($0.receivedAt))
            }).json.text + "\n"
            if let to {
                try Data(text.utf8).write(to: URL(fileURLWithPath: to))
                print("Đã ghi \(records.count) mốc neo nhật ký của \(child) vào \(to).")
            } else {
                print(text, terminator: "")
            }
        }
    }
}

/// The anchors a parent holds for one child, as exchanged between them.
struct AnchorFile: Decodable {
    struct Anchor: Decodable {
        let sequence: Int64
        let hash: String
        let bundleId: String?
        let receivedAt: String?
    }

    let unit: UnitCode
    let anchors: [Anchor]

    var json: JSONValue {
        .object([("unit", .string(unit.rawValue)), ("anchors", .array(anchors.map { a in
            .object([("sequence", .int(Int(a.sequence))), ("hash", .string(a.hash)),
                     ("bundleId", a.bundleId.map(JSONValue.string) ?? .null), ("receivedAt", a.receivedAt.map(JSONValue.string) ?? .null)])
        }))])
    }

    static func read(_ path: String) throws -> AnchorFile {
        let data = try BinaryFile.read(path, what: "tệp mốc neo nhật ký")
        guard let file = try? JSONDecoder().decode(AnchorFile.self, from: data),
              file.anchors.allSatisfy({ AuditHead(anchorText: "\($0.sequence):\($0.hash)") != nil }) else {
            throw CLIError("Tệp \(path) không phải tệp mốc neo nhật ký hợp lệ (JSON từ baocao audit anchors).")
        }
        return file
    }
}
