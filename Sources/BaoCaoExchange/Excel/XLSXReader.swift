import BaoCaoCore
import BaoCaoZip
import Foundation

/// One cell of a sheet as the file holds it.
public struct XLSXCell: Sendable, Hashable {
    /// The text of the cell: a string as written, a number as the file's own decimal text
    /// (never read through `Double`), a boolean as `true`/`false`.
    public let text: String
    public let isNumber: Bool
    /// The font the cell (or its text's first run) is set in: `.VnTime` or `VNI-Times` say
    /// the text was typed in a legacy Vietnamese encoding.
    public let fontName: String?
}

/// Reads the cells of a workbook's sheets (Office Open XML, `.xlsx`) with the strict ZIP reader of bundles
/// (under ``WorkbookLimits``) and our strict XML reader (``StrictXMLReader``): what a person saved
/// from Excel, LibreOffice or openpyxl.
/// Formulas are read by their cached value; styles only for the font name.
public struct XLSXReader: Sendable {
    /// Sheet name → the part holding it, in workbook order.
    public let sheetNames: [String]
    private let sheetParts: [String: String]
    private let archive: [String: Data]
    private let sharedStrings: [(text: String, font: String?)]
    private let cellFonts: [String?]
    private let maximumCells: Int

    /// #### Errors
    /// ``ExchangeError`` `.tooLarge` for a workbook over ``WorkbookLimits`` (a zip bomb),
    /// `.malformedFile` for one that is not a workbook, or whose XML is broken or refused
    /// (``StrictXMLReader``: a DTD, an entity, a processing instruction), naming the part,
    /// the line and the byte.
    public init(data: Data, limits: WorkbookLimits = .default) throws {
        let parts = try WorkbookParts.read(data, limits: limits)
        archive = parts
        guard let workbook = parts["xl/workbook.xml"] else { throw Self.malformed("thiếu xl/workbook.xml", log: "no workbook part") }
        let sheets = try XMLElements.collect(workbook, names: ["sheet"], part: "xl/workbook.xml")
        let relationships = try parts["xl/_rels/workbook.xml.rels"].map {
            try XMLElements.collect($0, names: ["Relationship"], part: "xl/_rels/workbook.xml.rels")
        } ?? []
        var targets: [String: String] = [:]
        for relationship in relationships {
            guard let id = relationship.attributes["Id"], let target = relationship.attributes["Target"] else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        var names: [String] = []
        var sheetParts: [String: String] = [:]
        for sheet in sheets {
            guard let name = sheet.attributes["name"], let id = sheet.attributes["r:id"], let part = targets[id] else { continue }
            names.append(name.precomposedStringWithCanonicalMapping)
            sheetParts[name.precomposedStringWithCanonicalMapping] = part
        }
        sheetNames = names
        self.sheetParts = sheetParts
        sharedStrings = try parts["xl/sharedStrings.xml"].map { try SharedStringsParser.parse($0, limit: limits.maximumCells) } ?? []
        cellFonts = try parts["xl/styles.xml"].map(StyleFontsParser.parse) ?? []
        maximumCells = limits.maximumCells
    }

    /// The cells of a sheet by reference ("D7"), text in NFC.
    public func cells(ofSheet name: String) throws -> [String: XLSXCell] {
        guard let part = sheetParts[name], let data = archive[part] else {
            throw Self.malformed("không có trang tính \"\(name)\"", log: "no sheet \(name)")
        }
        let parser = SheetParser(sharedStrings: sharedStrings, cellFonts: cellFonts, maximumCells: maximumCells)
        return try parser.parse(data, part: part)
    }

    static func malformed(_ what: String, log: String) -> ExchangeError {
        ExchangeError(.malformedFile, message: "Không đọc được tệp Excel: \(what).", log: "xlsx: \(log)")
    }

    /// A part whose XML ``StrictXMLReader`` refused: which part, what, the line and the byte.
    static func refused(_ part: String, _ refusal: XMLRefusal) -> ExchangeError {
        ExchangeError(.malformedFile, message: "Không đọc được tệp Excel: phần \(part.prefix(120)) bị từ chối vì \(refusal).",
                      log: "xlsx: \(part) refused at \(refusal.line):\(refusal.offset): \(refusal.reason)")
    }

    /// Splits "AB12" into a 0-based column and row; `nil` for anything else, or a column past XFD.
    public static func position(of reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = ""
        for character in reference.uppercased() {
            if let ascii = character.asciiValue, (65...90).contains(ascii), digits.isEmpty {
                column = column * 26 + Int(ascii - 64)
                // Excel's last column is XFD (16,384); a longer name would overflow
                // (Tests/Fuzz/regressions/xlsx).
                guard column <= 16_384 else { return nil }
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        return (column - 1, row - 1)
    }

    /// "D7" for a 0-based column and row.
    public static func reference(column: Int, row: Int) -> String {
        var name = ""
        var n = column + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name + String(row + 1)
    }
}

/// Elements with their attributes, for the small parts of a workbook.
enum XMLElements {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    /// The elements named `names` (as written, prefix included) of `part`, in order.
    static func collect(_ data: Data, names: Set<String>, part: String) throws -> [Element] {
        var elements: [Element] = []
        do throws(XMLRefusal) {
            var reader = try StrictXMLReader(data)
            while let event = try reader.next() {
                if case .start(let start) = event, names.contains(start.name) {
                    elements.append(Element(name: start.name, attributes: start.attributes))
                }
            }
        } catch {
            throw XLSXReader.refused(part, error)
        }
        return elements
    }
}
