import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// Runs a Python script with openpyxl (PyPI), a reader that shares no code with ours.
func openpyxl(_ script: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "openpyxl failed (pip install openpyxl): \(problem)"])
    }
    return text
}

@Suite("Excel forms: written by the node, read by openpyxl, saved by it and imported back")
struct FormWorkbookTests {
    let fixture: ExchangeFixture

    init() throws {
        fixture = try ExchangeFixture()
    }

    func file(_ name: String) -> String { fixture.directory.appendingPathComponent(name).path }

    @Test func filledWorkbook_opensInOpenpyxl_withHeadingsCodesUnitsAndExactValues() throws {
        _ = try DraftImport(work: fixture.work).apply([
            ImportCell(location: "dòng 1", key: "NN02", text: "1.245,5"),
            ImportCell(location: "dòng 2", key: "LD02", text: "1.234.567"),
            ImportCell(location: "dòng 3", key: "GC01", text: "Mưa lũ kéo dài"),
        ], regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk, at: Date())
        let export = try FormWorkbookExport(work: fixture.work).workbook(regime: "KTXH-THANG", period: "2026-11", filled: true, by: fixture.clerk)
        #expect(export.fileName == "KTXH-THANG_2026-11_04801.xlsx")
        try export.data.write(to: URL(fileURLWithPath: file("bieu.xlsx")))
        let dump = try openpyxl("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["Biểu mẫu"]
            print("protected", ws.protection.sheet)
            print("hidden", wb["baocao"].sheet_state)
            for row in ws.iter_rows(min_row=5, values_only=False):
                cells = [c for c in row]
                print("|".join("" if c.value is None else str(c.value) for c in cells) + "|" + ("locked" if cells[0].protection.locked else "open") + "|" + ("locked" if cells[3].protection.locked else "open"))
            """, [file("bieu.xlsx")])
        let lines = dump.split(separator: "\n").map(String.init)
        #expect(lines.contains("protected True"))
        #expect(lines.contains("hidden hidden"))
        #expect(lines.contains("Mã chỉ tiêu|Tên chỉ tiêu|Đơn vị tính|Giá trị|locked|locked"))
        #expect(lines.contains("NN02|Diện tích lúa thu hoạch (*)|ha|1245.5|locked|open"))
        #expect(lines.contains("LD02|Tổng số hộ|hộ|1234567|locked|open"))
        #expect(lines.contains("GC01|Ghi chú tình hình||Mưa lũ kéo dài|locked|open"))
        #expect(lines.contains("NN04|Năng suất lúa|tạ/ha||locked|locked"))   // computed: not typed into
        #expect(lines.contains { $0.hasPrefix("Nông nghiệp|") })
    }

    @Test func aWorkbookSavedByOpenpyxl_importsBack_withLegacyFontTextConverted() throws {
        let blank = try FormWorkbookExport(work: fixture.work).workbook(regime: "KTXH-THANG", period: "2026-11", filled: false, by: fixture.clerk)
        try blank.data.write(to: URL(fileURLWithPath: file("trong.xlsx")))
        // A clerk fills it in another program: numbers as numbers, one typed as Vietnamese
        // text, and the note typed in the .VnTime font (TCVN3 bytes seen through cp1252).
        _ = try openpyxl("""
            import sys, openpyxl
            from openpyxl.styles import Font
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["Biểu mẫu"]
            for row in ws.iter_rows(min_row=6):
                code = row[0].value
                if code == "NN02": row[3].value = 1245.5
                if code == "NN03": row[3].value = "6.613,8"
                if code == "LD02": row[3].value = 412
                if code == "GC01":
                    row[3].value = "ViÖt Nam m­a lò"
                    row[3].font = Font(name=".VnTime")
            wb.save(sys.argv[2])
            """, [file("trong.xlsx"), file("da-dien.xlsx")])
        let data = try Data(contentsOf: URL(fileURLWithPath: file("da-dien.xlsx")))
        let outcome = try FileValueImport(work: fixture.work).importFile(data, named: "da-dien.xlsx", regime: nil, period: nil,
                                                                         keepValid: false, by: fixture.clerk, at: Date())
        #expect(outcome.result.report.regimeCode == "KTXH-THANG" && outcome.result.report.period == "2026-11")
        #expect(outcome.result.stored == 4)
        #expect(outcome.conversions.count == 1 && outcome.conversions[0].hasPrefix("ô D"))
        let values = try ReportService(work: fixture.work).details(report: outcome.result.report.id!, by: fixture.clerk).values
        #expect(values[ValueKey("NN02")]?.text == "1245.5")
        #expect(values[ValueKey("NN03")]?.text == "6613.8")
        #expect(values[ValueKey("LD02")]?.text == "412")
        #expect(values[ValueKey("GC01")]?.text == "Việt Nam mưa lũ")
    }

    @Test func wrongCellsInAWorkbook_areNamedByCell_andNothingIsStored() throws {
        let blank = try FormWorkbookExport(work: fixture.work).workbook(regime: "KTXH-THANG", period: "2026-11", filled: false, by: fixture.clerk)
        try blank.data.write(to: URL(fileURLWithPath: file("trong.xlsx")))
        _ = try openpyxl("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["Biểu mẫu"]
            for row in ws.iter_rows(min_row=6):
                if row[0].value == "NN02": row[3].value = "nhiều"
                if row[0].value == "LD02": row[3].value = 12.5
            wb.save(sys.argv[2])
            """, [file("trong.xlsx"), file("sai.xlsx")])
        let data = try Data(contentsOf: URL(fileURLWithPath: file("sai.xlsx")))
        let error = #expect(throws: CellErrors.self) {
            try FileValueImport(work: fixture.work).importFile(data, named: "sai.xlsx", regime: nil, period: nil, keepValid: false,
                                                               by: fixture.clerk, at: Date())
        }
        #expect(error?.problems.map(\.key) == ["NN02", "LD02"])
        #expect(error?.problems.map(\.location) == ["ô D7", "ô D11"])
        #expect(try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reportValue") } == 0)
    }

    @Test func notAWorkbook_isRefusedClearly() throws {
        let zipHeaderButBroken = Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])
        let error = #expect(throws: ExchangeError.self) {
            try FileValueImport(work: fixture.work).importFile(zipHeaderButBroken, named: "hong.xlsx", regime: "KTXH-THANG", period: "2026-11",
                                                               keepValid: false, by: fixture.clerk, at: Date())
        }
        #expect(error?.message.contains("Không đọc được tệp Excel") == true)
    }

    @Test func csvWithHeadings_andQuotedVietnameseNumbers_imports() throws {
        let csv = Data("Mã chỉ tiêu;Giá trị\nNN02;\"1.245,5\"\nNN03;6613,8\n".utf8)
        let outcome = try FileValueImport(work: fixture.work).importFile(csv, named: "so-lieu.csv", regime: "KTXH-THANG", period: "2026-11",
                                                                         keepValid: false, by: fixture.clerk, at: Date())
        #expect(outcome.result.stored == 2)
    }

    @Test func csvFields_inQuotes_keepSeparatorsAndQuotes_andLegacyLinesAreConverted() throws {
        // "Mưa "to"; kéo dài" in quotes, then a TCVN3 line typed in an old program.
        var bytes = Array("Mã chỉ tiêu;Giá trị\nNN02;\"1.245,5\"\nGC01;\"Mưa \"\"to\"\"; kéo dài\"\n".utf8)
        bytes += Array("LD02;412\n".utf8)
        let outcome = try FileValueImport(work: fixture.work).importFile(Data(bytes), named: "so-lieu.csv", regime: "KTXH-THANG", period: "2026-11",
                                                                         keepValid: false, by: fixture.clerk, at: Date())
        #expect(outcome.result.stored == 3)
        let values = try ReportService(work: fixture.work).details(report: outcome.result.report.id!, by: fixture.clerk).values
        #expect(values[ValueKey("GC01")]?.text == "Mưa \"to\"; kéo dài")
        #expect(outcome.conversions.isEmpty)

        // The same note in TCVN3 bytes: detected, converted, and said so.
        let tcvn3 = try LegacyVietnamese.encode("Việt Nam mưa lũ kéo dài nhiều ngày", encoding: .tcvn3)
        let legacy = Array("GC01;".utf8) + tcvn3 + Array("\nLD02;413\n".utf8)
        let converted = try FileValueImport(work: fixture.work).importFile(Data(legacy), named: "cu.csv", regime: "KTXH-THANG", period: "2026-11",
                                                                           keepValid: false, by: fixture.clerk, at: Date())
        #expect(converted.conversions.count == 1 && converted.conversions[0].contains("TCVN3"))
        let after = try ReportService(work: fixture.work).details(report: converted.result.report.id!, by: fixture.clerk).values
        #expect(after[ValueKey("GC01")]?.text == "Việt Nam mưa lũ kéo dài nhiều ngày")
    }

    /// Lines are counted as the person's editor counts them, whichever were converted:
    /// CRLF ends one line, a lone CR (an old Mac file) ends one, a blank line counts.
    @Test func csvLineNumbers_countEveryLine_whicheverIsConverted() throws {
        let tcvn3 = try LegacyVietnamese.encode("Việt Nam mưa lũ kéo dài nhiều ngày", encoding: .tcvn3)
        var bytes = Array("Mã chỉ tiêu;Giá trị\r\nNN02;1.245,5\r\n\r\n".utf8)   // lines 1 to 3, the third blank
        bytes += Array("GC01;".utf8) + tcvn3 + Array("\r\n".utf8)                      // line 4, in TCVN3
        bytes += Array("NN03;6613,8\rLD02;mười\r\n".utf8)                              // line 5 ends at a lone CR; line 6 is wrong
        let error = #expect(throws: CellErrors.self) {
            try FileValueImport(work: fixture.work).importFile(Data(bytes), named: "cu.csv", regime: "KTXH-THANG", period: "2026-11",
                                                               keepValid: false, by: fixture.clerk, at: Date())
        }
        #expect(error?.problems.map(\.location) == ["dòng 6"])
        let outcome = try FileValueImport(work: fixture.work).importFile(Data(bytes), named: "cu.csv", regime: "KTXH-THANG", period: "2026-11",
                                                                         keepValid: true, by: fixture.clerk, at: Date())
        #expect(outcome.conversions.count == 1)
        #expect(outcome.conversions.first?.hasPrefix("1 dòng chuyển từ") == true)
        #expect(outcome.conversions.first?.hasSuffix("(dòng 4)") == true)
        #expect(outcome.result.stored == 3)
        let values = try ReportService(work: fixture.work).details(report: outcome.result.report.id!, by: fixture.clerk).values
        #expect(values[ValueKey("GC01")]?.text == "Việt Nam mưa lũ kéo dài nhiều ngày")
        #expect(values[ValueKey("NN03")]?.text == "6613.8")
    }
}

