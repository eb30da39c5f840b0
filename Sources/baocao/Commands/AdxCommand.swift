import ArgumentParser
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation

/// ADX (IHE Aggregate Data Exchange, what DHIS2 reads and writes): export a regime-period's
/// figures, import a file into the unit's draft, and write the data set's XSD.
struct AdxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adx",
        abstract: "Trao đổi số liệu dạng ADX (IHE Aggregate Data Exchange, dùng với DHIS2): xuất, nhập, lược đồ XSD.",
        subcommands: [Export.self, Import.self, Schema.self]
    )

    /// The node, the person, and the mapping.
    struct Common: ParsableArguments {
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @Option(name: .long, help: "Tệp JSON ánh xạ mã sang mã của hệ thống nhận (mặc định: giữ nguyên mã của BaoCao).") var mapping: String?
        @OptionGroup var acting: ActorOptions

        func loadMapping() throws -> AdxMapping {
            guard let mapping else { return .identity }
            return try AdxMapping.load(contentsOf: URL(fileURLWithPath: mapping))
        }
    }

    static func write(_ text: String, to output: String?) throws {
        guard let output else {
            print(text, terminator: "")
            return
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xuất số liệu một kỳ ra ADX: báo cáo của đơn vị (mặc định), số liệu tổng hợp, hoặc của từng đơn vị cấp dưới.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Mã chế độ báo cáo, ví dụ KTXH-THANG.") var regime: RegimeCode
        @Option(name: .long, help: "Kỳ báo cáo, ví dụ 2026-11 (ghi trong ADX là 2026-10-15/P1M theo Nghị định 09).") var period: Period
        @Flag(name: .long, help: "Xuất số liệu tổng hợp của đơn vị thay cho báo cáo của chính đơn vị.") var consolidated = false
        @Option(name: .long, help: "Xuất số liệu của đơn vị cấp dưới này (có thể lặp lại), mỗi đơn vị một nhóm.") var unit: [UnitCode] = []
        @Option(name: .long, help: "Tệp ADX ghi ra (mặc định: in ra màn hình).") var output: String?

        func validate() throws {
            if consolidated && !unit.isEmpty { throw ValidationError("Chỉ chọn một trong --consolidated và --unit.") }
        }

        func run() throws {
            let mapping = try common.loadMapping()
            let (work, actor, now) = try common.acting.signedIn(config: common.config)
            let export = AdxExport(work: work)
            let units: [AdxUnitValues] = if consolidated {
                [try export.consolidated(regime: regime, period: period, by: actor)]
            } else if !unit.isEmpty {
                try export.units(unit, regime: regime, period: period, by: actor)
            } else {
                [try export.ownReport(regime: regime, period: period, by: actor)]
            }
            let written = try AdxWriter(catalog: try work.store.catalog(), mapping: mapping)
                .write(regime: regime, period: period, units: units, exported: now)
            let scope: FigureExport.Scope = consolidated ? .consolidated : unit.isEmpty ? .report(work.home) : .units(unit)
            try FigureExport(format: .adx, regime: regime, period: period, scope: scope, to: output ?? "màn hình")
                .record(by: actor, in: work.store, at: now)
            try AdxCommand.write(written.xml, to: output)
            let count = written.document.groups.reduce(0) { $0 + $1.dataValues.count }
            var note = "Đã xuất \(count) số liệu ADX (\(written.document.groups.count) nhóm)"
            if let output { note += " vào \(output)" }
            if !written.leftOut.isEmpty {
                note += "; bỏ qua \(written.leftOut.count): " + written.leftOut.map { "\($0.key) (\($0.reason))" }.joined(separator: ", ")
            }
            FileHandle.standardError.write(Data((note + ".\n").utf8))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập tệp ADX vào bản nháp báo cáo của đơn vị (chỉ các nhóm có orgUnit của đơn vị này); có ô sai thì không lưu gì.")
        @OptionGroup var common: Common
        @Argument(help: "Tệp ADX (XML).") var file: String
        @Flag(name: .long, help: "Vẫn lưu các ô đúng khi có ô sai (các ô sai được liệt kê).") var keepValid = false

        func run() throws {
            let mapping = try common.loadMapping()
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("Không đọc được tệp \(file).") }
            let (work, actor, now) = try common.acting.signedIn(config: common.config)
            let outcome = try AdxImport(work: work, mapping: mapping).apply(data, keepValid: keepValid, by: actor, at: now)
            for group in outcome.groups {
                print("Nhóm \(group.group): đã lưu \(group.outcome.stored) số liệu vào báo cáo số \(group.outcome.report.id ?? 0) (\(group.regime) kỳ \(group.period.id)).")
                for problem in group.outcome.skipped { print("  bỏ qua \(problem)") }
                for problem in group.outcome.remaining { print("  còn thiếu/sai: \(problem.message)") }
            }
            for problem in outcome.skipped { print("  bỏ qua \(problem)") }
            if !outcome.otherOrgUnits.isEmpty {
                print("Không nhập các nhóm của đơn vị khác: \(outcome.otherOrgUnits.joined(separator: ", ")).")
            }
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lập lược đồ XSD của bộ dữ liệu ADX cho một chế độ báo cáo, để kiểm tra tệp ADX (xmllint --schema).")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Mã chế độ báo cáo, ví dụ KTXH-THANG.") var regime: RegimeCode
        @Option(name: .long, help: "Tệp XSD ghi ra (mặc định: in ra màn hình).") var output: String?

        func run() throws {
            let mapping = try common.loadMapping()
            let (work, _, _) = try common.acting.signedIn(config: common.config)
            let xsd = try AdxSchema(catalog: try work.store.catalog(), mapping: mapping).xsd(regime: regime)
            try AdxCommand.write(xsd, to: output)
        }
    }
}
