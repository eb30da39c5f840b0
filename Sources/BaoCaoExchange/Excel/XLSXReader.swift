import BaoCaoCore
import BaoCaoZip
import Foundation
import FoundationXML

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
/// and Foundation's XML parser: what a person saved from Excel, LibreOffice or openpyxl.
/// Formulas are read by their cached value; styles only for the font name.
public struct XLSXReader: Sendable {
    /// Sheet name → the part holding it, in workbook order.
    public let sheetNames: [String]
    private let sheetParts: [String: String]
    private let archive: [String: Data]
    private let sharedStrings: [(text: String, font: String?)]
    private let cellFonts: [String?]

    public init(data: Data) throws {
        // Read with the strict ZIP reader (``ZipDirectory`` says why not ZIPFoundation's).
        let parts: [String: Data] = try data.withUnsafeBytes { bytes in
            let directory: ZipDirectory
            do {
                directory = try ZipDirectory(bytes: bytes, maximumEntries: 10_000)
            } catch let failure as ZipDirectory.Failure {
                throw Self.malformed("tệp không phải là sổ tính Excel (.xlsx)", log: "not a zip: \(failure.reason)")
            } catch {
                throw Self.malformed("tệp có quá nhiều phần", log: "zip: \(error)")
            }
            var parts: [String: Data] = [:]
            for entry in directory.entries where entry.isRegularFile && (entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels")) {
                guard entry.uncompressedSize < 200 << 20 else { throw Self.malformed("một phần của tệp quá lớn", log: "part \(entry.name) too large") }
                let part: Data
                do {
                    part = try entry.contents(in: bytes)
                } catch {
                    throw Self.malformed("tệp bị hỏng (\(entry.name))", log: "inflate \(entry.name): \(error)")
                }
                // Only UTF-8 reaches the XML parser: FoundationXML traps on an element name
                // that is not (Tests/Fuzz/regressions/xlsx), and Excel writes UTF-8.
                guard String(validating: part, as: UTF8.self) != nil else {
                    throw Self.malformed("phần \(entry.name) không phải văn bản UTF-8", log: "part \(entry.name) is not UTF-8")
                }
                parts[entry.name] = part
            }
            return parts
        }
        archive = parts
        guard let workbook = parts["xl/workbook.xml"] else { throw Self.malformed("thiếu xl/workbook.xml", log: "no workbook part") }
        let sheets = try XMLElements.collect(workbook, names: ["sheet"])
        let relationships = try parts["xl/_rels/workbook.xml.rels"].map { try XMLElements.collect($0, names: ["Relationship"]) } ?? []
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
        sharedStrings = try parts["xl/sharedStrings.xml"].map(SharedStringsParser.parse) ?? []
        cellFonts = try parts["xl/styles.xml"].map(StyleFontsParser.parse) ?? []
    }

    /// The cells of a sheet by reference ("D7"), text in NFC.
    public func cells(ofSheet name: String) throws -> [String: XLSXCell] {
        guard let part = sheetParts[name], let data = archive[part] else {
            throw Self.malformed("không có trang tính \"\(name)\"", log: "no sheet \(name)")
        }
        let parser = SheetParser(sharedStrings: sharedStrings, cellFonts: cellFonts)
        return try parser.parse(data)
    }

    static func malformed(_ what: String, log: String) -> ExchangeError {
        ExchangeError(.malformedFile, message: "Không đọc được tệp Excel: \(what).", log: "xlsx: \(log)")
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

    static func collect(_ data: Data, names: Set<String>) throws -> [Element] {
        final class Delegate: NSObject, XMLParserDelegate {
            let names: Set<String>
            var elements: [Element] = []
            init(names: Set<String>) { self.names = names }
            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if names.contains(elementName) { elements.append(Element(name: elementName, attributes: attributes)) }
            }
        }
        let parser = XMLParser(data: data)
        let delegate = Delegate(names: names)
        parser.delegate = delegate
        guard parser.parse() else {
            throw XLSXReader.malformed("phần XML hỏng", log: "xml: \(parser.parserError.map { "\($0)" } ?? "unknown")")
        }
        return delegate.elements
    }
}

/// `xl/sharedStrings.xml`: each string's text (runs joined) and its first run's font.
enum SharedStringsParser {
    static func parse(_ data: Data) throws -> [(text: String, font: String?)] {
        final class Delegate: NSObject, XMLParserDelegate {
            var strings: [(text: String, font: String?)] = []
            var text = ""
            var font: String?
            var inText = false
            var inPhonetic = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch name {
                case "si": text = ""; font = nil
                case "t": inText = !inPhonetic
                case "rPh": inPhonetic = true
                case "rFont": if font == nil { font = attributes["val"] }
                default: break
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                switch name {
                case "si": strings.append((text.precomposedStringWithCanonicalMapping, font))
                case "t": inText = false
                case "rPh": inPhonetic = false
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { text += string }
            }
        }
        let parser = XMLParser(data: data)
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse() else { throw XLSXReader.malformed("danh sách chuỗi hỏng", log: "sharedStrings") }
        return delegate.strings
    }
}

/// `xl/styles.xml`: the font name of each cell format (`cellXfs`, by index).
enum StyleFontsParser {
    static func parse(_ data: Data) throws -> [String?] {
        final class Delegate: NSObject, XMLParserDelegate {
            var fonts: [String?] = []
            var formatFonts: [Int] = []
            var inFonts = false, inCellFormats = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch name {
                case "fonts": inFonts = true
                case "font" where inFonts: fonts.append(nil)
                case "name" where inFonts: if !fonts.isEmpty { fonts[fonts.count - 1] = attributes["val"] }
                case "cellXfs": inCellFormats = true
                case "xf" where inCellFormats: formatFonts.append(Int(attributes["fontId"] ?? "0") ?? 0)
                default: break
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "fonts" { inFonts = false }
                if name == "cellXfs" { inCellFormats = false }
            }
        }
        let parser = XMLParser(data: data)
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse() else { throw XLSXReader.malformed("bảng kiểu dáng hỏng", log: "styles") }
        return delegate.formatFonts.map { $0 < delegate.fonts.count ? delegate.fonts[$0] : nil }
    }
}

/// A worksheet part: every cell with a value.
struct SheetParser {
    let sharedStrings: [(text: String, font: String?)]
    let cellFonts: [String?]

    func parse(_ data: Data) throws -> [String: XLSXCell] {
        final class Delegate: NSObject, XMLParserDelegate {
            let owner: SheetParser
            var cells: [String: XLSXCell] = [:]
            var reference: String?
            var type = "n"
            var style = 0
            var value = ""
            var inline = ""
            var inValue = false, inInlineText = false
            var failure: String?
            init(_ owner: SheetParser) { self.owner = owner }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                switch name {
                case "c":
                    reference = attributes["r"]
                    type = attributes["t"] ?? "n"
                    style = Int(attributes["s"] ?? "0") ?? 0
                    value = ""
                    inline = ""
                case "v": inValue = true
                case "t": inInlineText = reference != nil
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inValue { value += string } else if inInlineText { inline += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                switch name {
                case "v": inValue = false
                case "t": inInlineText = false
                case "c":
                    defer { reference = nil }
                    guard let reference else { return }
                    let font = style < owner.cellFonts.count ? owner.cellFonts[style] : nil
                    switch type {
                    case "s":
                        guard let index = Int(value), index >= 0, index < owner.sharedStrings.count else {
                            failure = "ô \(reference) trỏ tới chuỗi không có"
                            parser.abortParsing()
                            return
                        }
                        let shared = owner.sharedStrings[index]
                        cells[reference] = XLSXCell(text: shared.text, isNumber: false, fontName: shared.font ?? font)
                    case "inlineStr":
                        cells[reference] = XLSXCell(text: inline.precomposedStringWithCanonicalMapping, isNumber: false, fontName: font)
                    case "str":
                        cells[reference] = XLSXCell(text: value.precomposedStringWithCanonicalMapping, isNumber: false, fontName: font)
                    case "b":
                        cells[reference] = XLSXCell(text: value == "1" ? "true" : "false", isNumber: false, fontName: font)
                    case "e":
                        cells[reference] = XLSXCell(text: value, isNumber: false, fontName: font)
                    default:
                        if !value.isEmpty { cells[reference] = XLSXCell(text: value, isNumber: true, fontName: font) }
                    }
                default: break
                }
            }
        }
        let parser = XMLParser(data: data)
        let delegate = Delegate(self)
        parser.delegate = delegate
        guard parser.parse() else {
            throw XLSXReader.malformed(delegate.failure ?? "trang tính hỏng", log: "sheet: \(parser.parserError.map { "\($0)" } ?? "")")
        }
        return delegate.cells
    }
}
