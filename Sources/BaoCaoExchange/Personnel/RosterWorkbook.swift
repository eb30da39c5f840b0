import BaoCaoCore
import CXlsxWriter
import Foundation

/// A unit's roster on one day as an Excel workbook (libxlsxwriter): a heading with the
/// unit, the day, the staffing quota (biên chế) and the count against it, then one row per
/// person on the roster that day — STT, họ và tên, ngày sinh, giới tính, chức vụ, phòng/ban,
/// loại, ngạch, bậc, hệ số (an Excel number with two decimals), trình độ, trạng thái — and,
/// only for a reader granted sensitive fields, dân tộc, tôn giáo and đối tượng chính sách.
///
/// The roster is what the records' approved events say (art. 13.1): an event awaiting
/// the head's approval does not put anyone on it or change their row.
public struct RosterWorkbook: Sendable {
    /// The sheet's name.
    public static let sheetName = "Danh sách"
    /// The row of the column headings (0-based); people start below it.
    public static let headerRow: UInt32 = 4

    /// The columns everyone sees, then those only a reader granted sensitive fields sees.
    public static let columns = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Phòng, ban", "Loại", "Ngạch", "Bậc",
                                 "Hệ số lương", "Trình độ chuyên môn", "Trạng thái"]
    public static let sensitiveColumns = ["Dân tộc", "Tôn giáo", "Đối tượng chính sách"]

    public let unit: ReportingUnit
    public let date: CivilDate
    /// Biên chế được giao, when the unit has one.
    public let quota: Int?
    public let catalog: PersonnelCatalog
    public let showsSensitive: Bool
    /// Those on the roster that day, in the order printed (section, then name).
    public let people: [(record: PersonnelRecord, state: PersonnelState)]

    /// The roster of `unit` on `date` among `records` (those kept here: a record on
    /// another unit's roster that day, or not on any, is left out).
    public init(unit: ReportingUnit, date: CivilDate, quota: Int?, records: [PersonnelRecord], catalog: PersonnelCatalog,
                showsSensitive: Bool) {
        self.unit = unit
        self.date = date
        self.quota = quota
        self.catalog = catalog
        self.showsSensitive = showsSensitive
        people = records.compactMap { record in
            guard let state = record.state(on: date), state.unit == unit.code, state.status.isOnRoster else { return nil }
            return (record, state)
        }.sorted { ($0.state.section ?? "", $0.record.identity.fullName) < ($1.state.section ?? "", $1.record.identity.fullName) }
    }

    /// A file name people recognise: `danh-sach-can-bo_04801_2026-12-06.xlsx`.
    public var fileName: String { "danh-sach-can-bo_\(unit.code)_\(date).xlsx" }

    /// The workbook's bytes.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.storageFailure` when the temporary file cannot be written.
    public func workbook() throws -> Data {
        try XlsxFile.bytes(fill)
    }

    private func fill(_ workbook: UnsafeMutablePointer<lxw_workbook>) throws {
        guard let sheet = workbook_add_worksheet(workbook, Self.sheetName) else {
            throw ExchangeError(.storageFailure, message: "Không tạo được trang tính.", log: "workbook_add_worksheet failed")
        }
        let formats = FormWorkbookWriter.Formats(workbook)
        let coefficient = workbook_add_format(workbook)
        format_set_border(coefficient, UInt8(LXW_BORDER_THIN.rawValue))
        format_set_num_format(coefficient, "0.00")
        let titles = Self.columns + (showsSensitive ? Self.sensitiveColumns : [])
        let last = UInt16(titles.count - 1)
        for (column, width) in [6.0, 28, 12, 9, 28, 22, 16, 26, 6, 10, 24, 20, 12, 14, 24].prefix(titles.count).enumerated() {
            worksheet_set_column(sheet, UInt16(column), UInt16(column), width, nil)
        }
        worksheet_merge_range(sheet, 0, 0, 0, last, "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG", formats.title)
        worksheet_merge_range(sheet, 1, 0, 1, last, "Đơn vị: \(unit.name) (\(unit.code))", formats.plain)
        let quotaText = quota.map { "Biên chế được giao: \($0) — " } ?? "Biên chế được giao: chưa có — "
        worksheet_merge_range(sheet, 2, 0, 2, last,
                              "Ngày: \(PersonnelCatalogNames.day(date)) — \(quotaText)Số người trong danh sách: \(people.count)", formats.plain)
        worksheet_merge_range(sheet, 3, 0, 3, last,
                              "Tài liệu có thông tin cá nhân (Nghị định 13/2023/NĐ-CP): chỉ dùng cho công việc được giao, không chuyển cho người khác.",
                              formats.note)
        for (column, title) in titles.enumerated() {
            worksheet_write_string(sheet, Self.headerRow, UInt16(column), title, formats.header)
        }
        let names = PersonnelCatalogNames(catalog: catalog)
        for (index, person) in people.enumerated() {
            let row = Self.headerRow + 1 + UInt32(index)
            let state = person.state
            let identity = person.record.identity
            worksheet_write_number(sheet, row, 0, Double(index + 1), formats.locked)
            var cells = [identity.fullName, PersonnelCatalogNames.day(identity.birthDate), identity.sex.vietnameseName,
                         state.positions.map(names.position).joined(separator: "; "), state.section ?? "",
                         state.kind.vietnameseName.capitalizedFirst, names.rankName(state.pay?.rank)]
            for (offset, text) in cells.enumerated() {
                worksheet_write_string(sheet, row, UInt16(1 + offset), text, formats.locked)
            }
            if let pay = state.pay {
                worksheet_write_number(sheet, row, 8, Double(pay.step), formats.locked)
                if let value = FormWorkbookWriter.exactDouble((try? pay.coefficient.rounded(toDecimals: 2)) ?? pay.coefficient) {
                    worksheet_write_number(sheet, row, 9, value, coefficient)
                } else {
                    worksheet_write_string(sheet, row, 9, PersonnelCatalogNames.coefficient(pay.coefficient), coefficient)
                }
            } else {
                worksheet_write_blank(sheet, row, 8, formats.locked)
                worksheet_write_blank(sheet, row, 9, coefficient)
            }
            cells = [names.highestLevel(of: state.trainings, track: "chuyen-mon"), state.status.vietnameseName.capitalizedFirst]
            if showsSensitive {
                let personal = person.record.personal
                cells += [names.name("ethnicities", personal.ethnicity), names.name("religions", personal.religion),
                          names.name("policyGroups", personal.policyGroup)]
            }
            for (offset, text) in cells.enumerated() {
                worksheet_write_string(sheet, row, UInt16(10 + offset), text, formats.locked)
            }
        }
        worksheet_freeze_panes(sheet, Self.headerRow + 1, 2)
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)   // A4
        worksheet_repeat_rows(sheet, Self.headerRow, Self.headerRow)
    }
}
