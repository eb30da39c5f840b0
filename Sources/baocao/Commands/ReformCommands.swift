import ArgumentParser
import BaoCaoCore
import BaoCaoStore
import Foundation

/// `baocao reform …`: crossing a reorganisation of administrative units (the 2025 reform).
/// `plan` says what each node will do; `apply` (its own file) does it.
struct ReformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reform",
        abstract: "Sắp xếp đơn vị hành chính (năm 2025): phương án cho từng nút và chuyển nút sang danh sách đơn vị mới.",
        subcommands: [ReformPlanCommand.self, ReformApplyCommand.self]
    )
}

/// `baocao reform plan`: for each node, continue as, merge into or retire; what moves
/// where; the units to enrol; whose certificates are revoked, and until when late reports
/// are still taken; what cannot be compared across the break. Reads, changes nothing.
struct ReformPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "In phương án sắp xếp cho từng nút: tiếp tục, nhập vào hay ngừng hoạt động; chuyển gì đi đâu; số liệu nào không so sánh được."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút (YAML).")
    var config: String = "baocao.yaml"

    @Option(name: .long, help: "Tệp phương án sắp xếp (YAML, ví dụ Config/reform/phu-tho-2025-07.yaml), khi tỉnh đang chuẩn bị; mặc định: phương án trong bản phát hành nút đã nhận.")
    var succession: String?

    @Option(name: .customLong("new-topology"), help: "Danh sách đơn vị mới (CSV) để kiểm tra phương án; mặc định: danh sách nút đang dùng.")
    var newTopology: String?

    @Option(name: .long, help: "Các nút cần lập phương án, mã đơn vị cũ cách nhau bằng dấu phẩy (ví dụ 17,148,04792); mặc định: nút này.")
    var nodes: String?

    func run() throws {
        // The codes are checked before anything is opened.
        let listed = try nodes.map { text in
            try text.split(separator: ",", omittingEmptySubsequences: false).map { try UnitCode(parsing: String($0).trimmingSpaces()) }
        }
        if succession != nil, newTopology == nil {
            throw CLIError("Cần cả --new-topology: phương án \(succession!) phải được kiểm tra với danh sách đơn vị mới (ví dụ Topology/phu-tho-2025-07-2-cap.csv).")
        }
        let loaded = try LoadedConfiguration(file: config)
        guard FileManager.default.fileExists(atPath: loaded.databasePath) else {
            throw CLIError("Nút chưa được khởi tạo (không có \(loaded.databasePath)). Hãy chạy: baocao init --config \(config)")
        }
        let store = try NodeStore.open(at: loaded.databasePath)
        guard let home = try store.homeUnit() else { throw StoreError.notInitialized() }
        let topology = try newTopology.map(TopologyFile.load) ?? store.topology()
        let chosen: Succession
        let source: String
        if let succession {
            chosen = try SuccessionFile.load(succession, against: topology)
            source = "tệp \(succession)"
        } else {
            guard let stored = try store.succession() else {
                throw CLIError("Nút chưa nhận phương án sắp xếp nào trong bản phát hành của tỉnh. Ở tỉnh đang chuẩn bị phương án, hãy chỉ rõ: "
                               + "--succession Config/reform/<tệp>.yaml --new-topology Topology/<tệp>.csv")
            }
            chosen = try stored.validated(against: topology)
            source = "bản phát hành của tỉnh nút đã nhận"
        }
        let plan = try ReformPlan(succession: chosen, newTopology: topology, nodes: listed ?? [home])
        print(ReformPlanText(plan: plan, newTopology: topology, catalog: try store.catalog(), source: source).lines.joined(separator: "\n"))
    }
}
