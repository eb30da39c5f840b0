import ArgumentParser
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// `baocao sheet`: forms as Excel workbooks, out for filling offline and back in.
struct SheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "Biểu mẫu dạng Excel: xuất (trống hoặc đã điền) và nhập lại số liệu từ tệp Excel hoặc CSV.",
        subcommands: [Export.self, Import.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xuất biểu mẫu của một chế độ báo cáo ra tệp .xlsx (trống, hoặc điền số liệu của báo cáo kỳ này).")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Option(name: .long, help: "Mã chế độ báo cáo.") var regime: RegimeCode
        @Option(name: .long, help: "Kỳ báo cáo (để điền sẵn số liệu hoặc ghi vào tệp).") var period: Period?
        @Flag(name: .long, help: "Điền số liệu đã có của báo cáo kỳ này.") var filled = false
        @Option(name: .shortAndLong, help: "Tệp .xlsx ghi ra.") var output: String

        func run() throws {
            let (work, actor, _) = try acting.signedIn(config: config)
            if filled, period == nil { throw CLIError("--filled cần --period.") }
            let export = try FormWorkbookExport(work: work).workbook(regime: regime, period: period, filled: filled, by: actor)
            if filled {
                try FigureExport(format: .xlsx, regime: regime, period: period, scope: .report(work.home), to: output)
                    .record(by: actor, in: work.store)
            }
            try OutputFile.write(export.data, to: output)
            print("Đã ghi biểu mẫu \(export.formCode) (\(export.figures) chỉ tiêu\(filled ? ", \(export.filledCount) số liệu" : "")) vào \(output).")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Nhập số liệu từ tệp .xlsx hoặc .csv vào báo cáo nháp; không lưu gì nếu có ô sai (trừ khi --keep-valid).")
        @Option(name: .long, help: "Tệp cấu hình của nút.") var config: String = "baocao.yaml"
        @OptionGroup var acting: ActorOptions
        @Option(name: .long, help: "Mã chế độ báo cáo (mặc định: ghi trong tệp Excel).") var regime: RegimeCode?
        @Option(name: .long, help: "Kỳ báo cáo (mặc định: ghi trong tệp Excel).") var period: Period?
        @Flag(name: .long, help: "Lưu các ô đúng, bỏ qua các ô sai.") var keepValid = false
        @Argument(help: "Tệp .xlsx hoặc .csv.") var file: String

        func run() throws {
            let (work, actor, now) = try acting.signedIn(config: config)
            let data: Data
            if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int {
                try FileValueImport.checkSize(size, of: file)   // before reading it into memory
            }
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("Không đọc được tệp \(file): \(error.localizedDescription)")
            }
            let outcome = try FileValueImport(work: work).importFile(data, named: file, regime: regime, period: period,
                                                                     keepValid: keepValid, by: actor, at: now)
            for note in outcome.conversions { print("Đã chuyển bảng mã: \(note)") }
            for problem in outcome.result.skipped { print("Bỏ qua \(problem)") }
            print("Đã lưu \(outcome.result.stored) số liệu vào báo cáo số \(outcome.result.report.id ?? 0) (\(outcome.result.report.regimeCode) kỳ \(outcome.result.report.period), lần \(outcome.result.report.revision)).")
            if !outcome.result.remaining.isEmpty {
                print("Báo cáo còn \(outcome.result.remaining.count) vấn đề:")
                for problem in outcome.result.remaining { print("  - \(problem.message)") }
            }
        }
    }
}
