import BaoCaoCore
import BaoCaoExchange
import Foundation
import Testing

@Suite("The roster to Excel, read back with the strict XLSX reader")
struct RosterWorkbookTests {
    static let unit = PersonnelDocumentFixture.topology.unit(code: "04801")!

    func cells(sensitive: Bool, on date: CivilDate = "2026-12-01") throws -> [String: XLSXCell] {
        let roster = RosterWorkbook(unit: Self.unit, date: date, quota: 5, records: PersonnelDocumentFixture.records,
                                    catalog: PersonnelDocumentFixture.catalog, showsSensitive: sensitive)
        let reader = try XLSXReader(data: try roster.workbook())
        #expect(reader.sheetNames == [RosterWorkbook.sheetName])
        return try reader.cells(ofSheet: RosterWorkbook.sheetName)
    }

    @Test func oneRowPerPersonOnTheRosterThatDay_withTheUnitDateAndQuotaAbove() throws {
        let cells = try cells(sensitive: false)
        #expect(cells["A1"]?.text == "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG")
        #expect(cells["A2"]?.text == "Đơn vị: Xã Một (04801)")
        // The retired one, the other commune's and the one whose recruitment awaits approval are not counted.
        #expect(cells["A3"]?.text == "Ngày: 01/12/2026 — Biên chế được giao: 5 — Số người trong danh sách: 2")
        let header = (0..<12).map { cells[XLSXReader.reference(column: $0, row: 4)]?.text }
        #expect(header == RosterWorkbook.columns)
        func row(_ index: Int) -> [String] { (0..<12).map { cells[XLSXReader.reference(column: $0, row: index)]?.text ?? "" } }
        // By section, then name: "Bộ phận một cửa" before "Văn phòng".
        #expect(row(5) == ["1", "Bùi Văn Đức", "20/11/1995", "Nam", "", "Bộ phận một cửa", "Lao động hợp đồng", "Nhân viên", "2", "1.68",
                           "", "Đang công tác"])
        #expect(row(6) == ["2", "Nguyễn Thị Thu Hà", "05/03/1988", "Nữ", "Phó Chủ tịch Ủy ban nhân dân", "Văn phòng", "Công chức",
                           "Chuyên viên", "3", "3", "Đại học", "Đang công tác"])
        // The coefficient is a number (two decimals by its format), not text.
        #expect(cells["J6"]?.isNumber == true && cells["J7"]?.isNumber == true)
        #expect(cells["A8"] == nil)
        #expect(!cells.values.contains { $0.text == "Đinh Công Lý" || $0.text == "Hà Thị Lan" || $0.text == "Quách Văn Mới" })
    }

    @Test func sensitiveColumnsOnlyForAReaderGrantedThem() throws {
        let plain = try cells(sensitive: false)
        #expect(plain["M5"] == nil)
        #expect(!plain.values.contains { ["Dân tộc", "Tày", "Mường", "Phật giáo"].contains($0.text) })
        let granted = try cells(sensitive: true)
        #expect((12..<15).map { granted[XLSXReader.reference(column: $0, row: 4)]?.text } == RosterWorkbook.sensitiveColumns)
        #expect(granted["M6"]?.text == "Mường")
        #expect(granted["M7"]?.text == "Tày" && granted["N7"]?.text == "Phật giáo" && granted["O7"]?.text == "Con thương binh")
    }

    @Test func theCoefficientIsFormattedWithTwoDecimals_asOpenpyxlReadsIt() throws {
        let roster = RosterWorkbook(unit: Self.unit, date: "2026-12-01", quota: nil, records: PersonnelDocumentFixture.records,
                                    catalog: PersonnelDocumentFixture.catalog, showsSensitive: false)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try roster.workbook().write(to: URL(fileURLWithPath: path))
        let output = try openpyxl("""
            import sys, openpyxl
            sheet = openpyxl.load_workbook(sys.argv[1])["Danh sách"]
            print(sheet["J7"].value, sheet["J7"].number_format, sheet["A3"].value)
            """, [path])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines)
                == "3 0.00 Ngày: 01/12/2026 — Biên chế được giao: chưa có — Số người trong danh sách: 2")
    }
}
