import BaoCaoCore
import Foundation

/// Reads a filled form workbook back: which regime, period and unit it is for (from the
/// hidden sheet ``FormWorkbookWriter`` wrote, when it is there), and one ``ImportCell`` per
/// row that has a value, matched by the code in the "Mã chỉ tiêu" column. Works on what
/// Excel, LibreOffice or another program saved, as long as the headings are kept: the
/// heading row is looked for, not assumed. Text typed in a legacy Vietnamese font is
/// converted (``LegacyCellText``) and said so.
public struct FormWorkbookReader: Sendable {
    public struct Content: Sendable {
        /// From the hidden sheet: `regime`, `period`, `form`, `unit`, ….
        public let metadata: [String: String]
        public let cells: [ImportCell]
        /// Cells whose text was converted from a legacy encoding, as "ô D7: .VnTime → Unicode".
        public let conversions: [String]
    }

    public init() {}

    public func read(_ data: Data) throws -> Content {
        let workbook = try XLSXReader(data: data)
        var metadata: [String: String] = [:]
        if workbook.sheetNames.contains(FormWorkbookWriter.metadataSheetName) {
            let cells = try workbook.cells(ofSheet: FormWorkbookWriter.metadataSheetName)
            for row in 0..<32 {
                guard let key = cells[XLSXReader.reference(column: 0, row: row)]?.text,
                      let value = cells[XLSXReader.reference(column: 1, row: row)]?.text else { continue }
                metadata[key] = value
            }
        }
        let sheetName = workbook.sheetNames.contains(FormWorkbookWriter.sheetName) ? FormWorkbookWriter.sheetName
            : workbook.sheetNames.first { $0 != FormWorkbookWriter.metadataSheetName }
        guard let sheetName else { throw XLSXReader.malformed("không có trang tính nào", log: "no sheets") }
        let cells = try workbook.cells(ofSheet: sheetName)

        // The heading row: the first row, among the first 30, naming the code and value columns.
        var grid: [Int: [Int: XLSXCell]] = [:]
        for (reference, cell) in cells {
            guard let position = XLSXReader.position(of: reference) else { continue }
            grid[position.row, default: [:]][position.column] = cell
        }
        var header: (row: Int, key: Int, value: Int)?
        for row in grid.keys.sorted().prefix(30) {
            let columns = grid[row] ?? [:]
            let keyColumn = columns.first { Self.heading($0.value.text) == "ma chi tieu" }?.key
            let valueColumn = columns.first { ["gia tri", "so lieu"].contains(Self.heading($0.value.text)) }?.key
            if let keyColumn, let valueColumn {
                header = (row, keyColumn, valueColumn)
                break
            }
        }
        guard let header else {
            throw ExchangeError(.malformedFile,
                message: "Trang tính \"\(sheetName)\" không có dòng tiêu đề với cột \"Mã chỉ tiêu\" và cột \"Giá trị\": hãy dùng tệp Excel tải từ BaoCao.",
                log: "xlsx: no heading row")
        }
        var importCells: [ImportCell] = []
        var conversions: [String] = []
        for row in grid.keys.sorted() where row > header.row {
            guard let keyCell = grid[row]?[header.key] else { continue }
            let key = keyCell.text.trimmingCharacters(in: .whitespaces)
            let reference = XLSXReader.reference(column: header.value, row: row)
            guard let valueCell = grid[row]?[header.value] else { continue }
            if valueCell.isNumber {
                guard let number = SpreadsheetNumber.exact(valueCell.text) else {
                    importCells.append(ImportCell(location: "ô \(reference)", key: key, text: valueCell.text))
                    continue
                }
                importCells.append(ImportCell(location: "ô \(reference)", key: key, text: number.description, isCanonicalNumber: true))
            } else {
                let converted = LegacyCellText.unicode(valueCell.text, fontName: valueCell.fontName)
                if let encoding = converted.encoding {
                    conversions.append("ô \(reference): \(encoding) → Unicode")
                }
                importCells.append(ImportCell(location: "ô \(reference)", key: key, text: converted.text))
            }
        }
        return Content(metadata: metadata, cells: importCells, conversions: conversions)
    }

    /// A heading compared without case, diacritics or spacing.
    static func heading(_ text: String) -> String {
        VietnameseText.searchKey(text)
    }
}
