import BaoCaoCore
import CXlsxWriter
import Foundation

/// The file formats an extraction is written in.
public enum ExtractionFormat: String, Sendable, CaseIterable {
    /// `;`-separated, UTF-8 with a byte-order mark (so Excel reads the Vietnamese), numbers
    /// written the Vietnamese way (1.245,5).
    case csv
    /// An Excel workbook with real numbers (``FormWorkbookWriter`` explains when a figure is text).
    case xlsx
    /// JSON with exact decimal strings.
    case json

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .json: "application/json"
        }
    }

    static let headings = ["Mã đơn vị", "Tên đơn vị", "Chế độ báo cáo", "Kỳ", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Giá trị", "Ghi chú so sánh"]

    public func encode(_ figures: [ExtractedFigure]) throws -> Data {
        switch self {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(figures)
        case .csv:
            var text = "\u{FEFF}" + Self.headings.joined(separator: ";") + "\r\n"
            for figure in figures {
                let value = VietnameseNumberFormat.format(canonical: figure.value) ?? figure.value
                text += [figure.unitCode.rawValue, figure.unitName, figure.regime.rawValue, figure.period.id, figure.key, figure.indicatorName,
                         figure.unitOfMeasure, value, figure.comparisonNote ?? ""].map(Self.csvField).joined(separator: ";") + "\r\n"
            }
            return Data(text.utf8)
        case .xlsx:
            return try Self.workbook(figures)
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func workbook(_ figures: [ExtractedFigure]) throws -> Data {
        try XlsxFile.bytes { workbook in
            guard let sheet = workbook_add_worksheet(workbook, "Số liệu") else {
                throw ExchangeError(.storageFailure, message: "Không tạo được trang tính.", log: "extract: workbook_add_worksheet failed")
            }
            let bold = workbook_add_format(workbook)
            format_set_bold(bold)
            for (column, title) in headings.enumerated() { worksheet_write_string(sheet, 0, UInt16(column), title, bold) }
            for (index, figure) in figures.enumerated() {
                let row = UInt32(index + 1)
                for (column, text) in [figure.unitCode.rawValue, figure.unitName, figure.regime.rawValue, figure.period.id, figure.key, figure.indicatorName,
                                       figure.unitOfMeasure].enumerated() {
                    worksheet_write_string(sheet, row, UInt16(column), text, nil)
                }
                if let number = try? ExactDecimal(canonical: figure.value), let double = FormWorkbookWriter.exactDouble(number) {
                    worksheet_write_number(sheet, row, 7, double, nil)
                } else {
                    worksheet_write_string(sheet, row, 7, figure.value, nil)
                }
                if let note = figure.comparisonNote { worksheet_write_string(sheet, row, 8, note, nil) }
            }
            worksheet_set_column(sheet, 1, 1, 30, nil)
            worksheet_set_column(sheet, 5, 5, 50, nil)
            worksheet_set_column(sheet, 8, 8, 60, nil)
        }
    }
}
