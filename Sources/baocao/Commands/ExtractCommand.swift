import ArgumentParser
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import Foundation

/// `baocao extract`: figures out of the node as CSV, Excel or JSON.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Trích xuất số liệu (tổng hợp, của một đơn vị, hoặc của mọi đơn vị trong phạm vi) ra CSV, Excel hoặc JSON.")

    @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
    @OptionGroup var acting: ActorOptions
    @Option(name: .long, help: "Mã chế độ báo cáo.") var regime: RegimeCode
    @Option(name: .long, help: "Kỳ báo cáo, ví dụ 2026-11.") var period: Period
    @Option(name: .long, help: "Mã đơn vị (mặc định: số liệu tổng hợp của nút).") var unit: UnitCode?
    @Flag(name: .long, help: "Cả các đơn vị cấp dưới của --unit.") var subtree = false
    @Flag(name: .long, help: "Tính cả báo cáo đã nhận nhưng chưa tiếp nhận.") var provisional = false
    @Option(name: .long, help: "csv, xlsx hoặc json.") var format: String = "csv"
    @Option(name: .shortAndLong, help: "Tệp ghi ra (mặc định: màn hình; bắt buộc với xlsx).") var output: String?

    func run() throws {
        guard let format = ExtractionFormat(rawValue: format.lowercased()) else {
            throw CLIError("Định dạng \(format) không được hỗ trợ: chọn csv, xlsx hoặc json.")
        }
        if subtree, unit == nil { throw CLIError("--subtree cần --unit.") }
        if format == .xlsx, output == nil { throw CLIError("Tệp Excel cần --output TỆP.xlsx.") }
        let (work, actor, _) = try acting.signedIn(config: config)
        let figures = try Extraction(work: work).figures(regime: regime, period: period, unit: unit, subtree: subtree,
                                                          provisional: provisional, by: actor)
        let data = try format.encode(figures)
        try Extraction.export(figures, regime: regime, period: period, unit: unit, format: format, to: output ?? "màn hình")
            .record(by: actor, in: work.store)
        if let output {
            try OutputFile.write(data, to: output)
            FileHandle.standardError.write(Data("Đã ghi \(figures.count) số liệu vào \(output).\n".utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

/// Writes a file so that a failure (a full disk, no permission) leaves no half-written file.
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("Không ghi được tệp \(path): \(error.localizedDescription)")
        }
    }
}
