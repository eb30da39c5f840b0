import ArgumentParser
import AsyncHTTPClient
import BaoCaoCore
import BaoCaoExchange
import BaoCaoNode
import BaoCaoServices
import BaoCaoSync
import Foundation

/// The exchange with the Government's reporting system (QCVN 125:2021/BTTTT packets):
/// write packets to files, or push them signed to an endpoint.
struct NationalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "national",
        abstract: "Trao đổi với Hệ thống thông tin báo cáo Chính phủ (gói tin QCVN 125:2021/BTTTT): xuất tệp, gửi.",
        subcommands: [Export.self, Push.self]
    )

    /// Packets are built for the signed-in person: figures need the right to read them.
    /// No signing key is needed to build, only to push.
    static func builder(_ node: NodeContext, _ acting: ActorOptions) throws -> NationalPacketBuilder {
        let now = Date()
        let actor = try acting.actor(store: node.store, configuration: node.configuration, now: now)
        return NationalPacketBuilder(store: node.store, home: node.homeUnit, actor: actor, now: now)
    }

    /// Which packets: one kind, or every kind for a regime-period.
    struct Selection: ParsableArguments {
        @Option(name: .long, help: "Loại gói tin (mã ASCII ổn định, xem danh sách dưới đây).")
        var kind: NationalPacketKind?
        @Flag(name: .long, help: "Mọi loại gói tin của một chế độ báo cáo và kỳ (cần --regime và --period).") var all = false
        @Option(name: .long, help: "Mã chế độ báo cáo, ví dụ KTXH-THANG.") var regime: RegimeCode?
        @Option(name: .long, help: "Kỳ báo cáo, ví dụ 2026-11.") var period: Period?
        @Option(name: .long, help: "Năm (danh mục kỳ báo cáo); mặc định là năm của --period.") var year: Int?

        var isEmpty: Bool { kind == nil && !all }

        func validate() throws {
            if kind != nil && all { throw ValidationError("Chọn --kind hoặc --all, không dùng cả hai.") }
            if all && (regime == nil || period == nil) { throw ValidationError("--all cần --regime và --period.") }
        }

        func documents(_ builder: NationalPacketBuilder) throws -> [NationalPacketDocument] {
            if all, let regime, let period { return try builder.allDocuments(regime: regime, period: period) }
            guard let kind else { throw ValidationError("Hãy chọn --kind <loại gói tin> hoặc --all.") }
            let year = year ?? period?.year
            return [try builder.document(kind, regime: regime, period: period, year: year)]
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xuất gói tin ra tệp JSON (mỗi gói một tệp <loại>-<mã gói>.json).")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @OptionGroup var selection: Selection
        @Option(name: .long, help: "Thư mục ghi tệp (mặc định: thư mục hiện tại).") var output: String = "."

        func run() throws {
            let node = try NodeContext(configFile: config)
            let builder = try NationalCommand.builder(node, acting)
            let documents = try selection.documents(builder)
            let directory = URL(fileURLWithPath: output, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try builder.recordExport(documents, regime: selection.regime, period: selection.period, to: "tệp trong \(directory.path)")
            for document in documents {
                let url = directory.appendingPathComponent(document.fileName)
                try document.bytes.write(to: url, options: .atomic)
                print("Đã ghi gói tin \(document.kind.vietnameseName): \(url.path)")
            }
        }
    }

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ký và gửi gói tin tới hệ thống báo cáo Chính phủ; bản đã ký được lưu trong thư mục dữ liệu (national/).")
        static let tokenEnvironment = "BAOCAO_NATIONAL_TOKEN"
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @OptionGroup var selection: Selection
        @Option(name: .long, help: "Địa chỉ nhận gói tin (POST application/json).") var endpoint: String
        @Flag(name: .long, help: "Gửi lại các gói tin đã ký còn chờ gửi.") var pending = false
        @Option(name: .long, help: "Số lần thử tối đa cho mỗi gói tin.") var attempts: Int = 5

        func validate() throws {
            if selection.isEmpty && !pending { throw ValidationError("Hãy chọn --kind, --all hoặc --pending.") }
            guard let url = URL(string: endpoint), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--endpoint phải là địa chỉ http:// hoặc https:// đầy đủ.")
            }
        }

        func run() async throws {
            let node = try NodeContext(configFile: config)
            let builder = try NationalCommand.builder(node, acting)
            let token = ProcessInfo.processInfo.environment[Self.tokenEnvironment].flatMap { $0.isEmpty ? nil : $0 }
            let client = NationalExchangeClient(
                endpoint: NationalEndpoint(url: endpoint, bearerToken: token, maxAttempts: attempts),
                identity: try node.signingIdentity(), dataDirectory: URL(fileURLWithPath: node.loaded.dataDirectory, isDirectory: true))
            if pending {
                for receipt in try await client.pushPending() {
                    print(receipt.status == .delivered
                          ? "Đã gửi lại gói tin \(receipt.kind.vietnameseName) \(receipt.packetId.uuidString.lowercased())."
                          : (receipt.lastError ?? "Gói tin \(receipt.packetId.uuidString.lowercased()) vẫn chờ gửi."))
                }
            }
            guard !selection.isEmpty else { return }
            let documents = try selection.documents(builder)
            try builder.recordExport(documents, regime: selection.regime, period: selection.period, to: "gửi tới \(endpoint)")
            for document in documents {
                let receipt = try await client.push(document.bytes, packetId: document.packetId, kind: document.kind)
                print("Đã gửi gói tin \(document.kind.vietnameseName) \(document.packetId.uuidString.lowercased()) "
                      + "(HTTP \(receipt.responseStatus ?? 0), \(receipt.attempts) lần thử).")
            }
        }
    }
}

extension NationalPacketKind: ExpressibleByArgument {}
