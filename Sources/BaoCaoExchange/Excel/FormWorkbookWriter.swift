import BaoCaoCore
import CXlsxWriter
import Foundation

/// Writes a form as an Excel workbook (libxlsxwriter) for staff who keep their figures in
/// Excel: Vietnamese headings, units of measure, the value key of every row in a locked
/// column (the sheet is protected; only the value column can be typed into), blank for
/// offline filling or filled with a report's values. A hidden sheet says which regime,
/// period, form and unit the workbook is for, so that importing it needs no questions.
///
/// Figures are written as Excel numbers when Excel keeps them exactly (at most 15
/// significant digits, Excel's own precision); longer ones are written as text, so no
/// figure is ever rounded on the way out.
public struct FormWorkbookWriter: Sendable {
    /// What the workbook is for.
    public struct Heading: Sendable {
        public let regime: Regime
        public let period: Period?
        public let unit: ReportingUnit
        public let revision: Int?

        public init(regime: Regime, period: Period?, unit: ReportingUnit, revision: Int? = nil) {
            self.regime = regime
            self.period = period
            self.unit = unit
            self.revision = revision
        }
    }

    /// The sheet people fill, and the hidden one describing the workbook.
    public static let sheetName = "Biểu mẫu"
    public static let metadataSheetName = "baocao"
    /// The columns of the form sheet (0-based).
    public static let keyColumn: UInt16 = 0, nameColumn: UInt16 = 1, unitColumn: UInt16 = 2, valueColumn: UInt16 = 3
    /// The row of the column headings (0-based); figures start below it.
    public static let headerRow: UInt32 = 4

    public let sheet: FormSheet
    public let heading: Heading

    public init(sheet: FormSheet, heading: Heading) {
        self.sheet = sheet
        self.heading = heading
    }

    /// The workbook's bytes, with `values` filled in (empty for a blank form).
    public func workbook(values: [ValueKey: ReportValue] = [:]) throws -> Data {
        try XlsxFile.bytes { try fill($0, values: values) }
    }

    private func fill(_ workbook: UnsafeMutablePointer<lxw_workbook>, values: [ValueKey: ReportValue]) throws {
        let formats = Formats(workbook)
        guard let worksheet = workbook_add_worksheet(workbook, Self.sheetName) else {
            throw ExchangeError(.storageFailure, message: "Không tạo được trang tính.", log: "workbook_add_worksheet failed")
        }
        worksheet_set_column(worksheet, Self.keyColumn, Self.keyColumn, 16, nil)
        worksheet_set_column(worksheet, Self.nameColumn, Self.nameColumn, 60, nil)
        worksheet_set_column(worksheet, Self.unitColumn, Self.unitColumn, 14, nil)
        worksheet_set_column(worksheet, Self.valueColumn, Self.valueColumn, 20, nil)

        let regime = heading.regime
        worksheet_merge_range(worksheet, 0, 0, 0, Self.valueColumn, sheet.form.title, formats.title)
        worksheet_merge_range(worksheet, 1, 0, 1, Self.valueColumn, "\(regime.name) (\(regime.code))", formats.plain)
        var line = "Đơn vị báo cáo: \(heading.unit.name) (\(heading.unit.code))"
        if let period = heading.period { line += " — Kỳ báo cáo: \(period)" }
        if let revision = heading.revision { line += " — Lần \(revision)" }
        worksheet_merge_range(worksheet, 2, 0, 2, Self.valueColumn, line, formats.plain)
        worksheet_merge_range(worksheet, 3, 0, 3, Self.valueColumn,
                              "Chỉ nhập vào cột \"Giá trị\". Số viết theo cách Việt Nam (1.245,5). Không sửa cột \"Mã chỉ tiêu\".", formats.note)
        for (column, title) in [(Self.keyColumn, "Mã chỉ tiêu"), (Self.nameColumn, "Tên chỉ tiêu"), (Self.unitColumn, "Đơn vị tính"),
                                (Self.valueColumn, "Giá trị")] {
            worksheet_write_string(worksheet, Self.headerRow, column, title, formats.header)
        }
        var row = Self.headerRow + 1
        for item in sheet.rows {
            switch item {
            case .section(let title):
                worksheet_merge_range(worksheet, row, 0, row, Self.valueColumn, title, formats.section)
            case .figure(let figure):
                worksheet_write_string(worksheet, row, Self.keyColumn, figure.key.description, formats.locked)
                worksheet_write_string(worksheet, row, Self.nameColumn, figure.label + (figure.required ? " (*)" : ""), formats.locked)
                worksheet_write_string(worksheet, row, Self.unitColumn, figure.unitOfMeasure, formats.locked)
                let format = figure.computed ? formats.locked : formats.input(figure.decimals, numeric: figure.valueType.isNumeric)
                if let value = values[figure.key] {
                    if figure.valueType.isNumeric, let number = value.number, let double = Self.exactDouble(number) {
                        worksheet_write_number(worksheet, row, Self.valueColumn, double, format)
                    } else {
                        worksheet_write_string(worksheet, row, Self.valueColumn, value.text, format)
                    }
                } else {
                    worksheet_write_blank(worksheet, row, Self.valueColumn, format)
                }
            }
            row += 1
        }
        worksheet_freeze_panes(worksheet, Self.headerRow + 1, 0)
        var protection = lxw_protection()
        protection.format_columns = 1
        worksheet_protect(worksheet, nil, &protection)

        if let metadata = workbook_add_worksheet(workbook, Self.metadataSheetName) {
            var entries = [("regime", regime.code.rawValue), ("form", sheet.form.code), ("formVersion", String(sheet.form.version)),
                           ("unit", heading.unit.code.rawValue)]
            if let period = heading.period { entries.append(("period", period.id)) }
            if let revision = heading.revision { entries.append(("revision", String(revision))) }
            for (index, entry) in entries.enumerated() {
                worksheet_write_string(metadata, UInt32(index), 0, entry.0, nil)
                worksheet_write_string(metadata, UInt32(index), 1, entry.1, nil)
            }
            worksheet_hide(metadata)
        }
    }

    /// The number as an Excel number when that is exact: at most 15 significant digits.
    static func exactDouble(_ number: ExactDecimal) -> Double? {
        let text = number.normalized.description
        guard text.filter(\.isNumber).drop(while: { $0 == "0" }).count <= 15 else { return nil }
        return Double(text)
    }

    /// The cell formats, made once per workbook (libxlsxwriter owns them).
    struct Formats {
        let title: UnsafeMutablePointer<lxw_format>
        let plain: UnsafeMutablePointer<lxw_format>
        let note: UnsafeMutablePointer<lxw_format>
        let header: UnsafeMutablePointer<lxw_format>
        let section: UnsafeMutablePointer<lxw_format>
        let locked: UnsafeMutablePointer<lxw_format>
        let text: UnsafeMutablePointer<lxw_format>
        var numbers: [Int: UnsafeMutablePointer<lxw_format>] = [:]

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            title = workbook_add_format(workbook)
            format_set_bold(title)
            format_set_font_size(title, 14)
            plain = workbook_add_format(workbook)
            note = workbook_add_format(workbook)
            format_set_italic(note)
            header = workbook_add_format(workbook)
            format_set_bold(header)
            format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_bg_color(header, 0xDDE6F0)
            section = workbook_add_format(workbook)
            format_set_bold(section)
            format_set_bg_color(section, 0xF2F2F2)
            locked = workbook_add_format(workbook)
            format_set_border(locked, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(locked)
            text = workbook_add_format(workbook)
            format_set_unlocked(text)
            format_set_border(text, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_num_format(text, "@")
            for decimals in 0...6 {
                let format = workbook_add_format(workbook)!
                format_set_unlocked(format)
                format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
                format_set_num_format(format, decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals))
                numbers[decimals] = format
            }
        }

        func input(_ decimals: Int, numeric: Bool) -> UnsafeMutablePointer<lxw_format> {
            numeric ? numbers[min(max(decimals, 0), 6)]! : text
        }
    }
}
