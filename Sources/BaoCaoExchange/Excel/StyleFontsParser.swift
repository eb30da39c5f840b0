import Foundation

/// `xl/styles.xml`: the font name of each cell format (`cellXfs`, by index).
enum StyleFontsParser {
    /// #### Errors
    /// ``ExchangeError`` `.malformedFile` for XML the strict reader refuses.
    static func parse(_ data: Data) throws -> [String?] {
        var fonts: [String?] = []
        var formatFonts: [Int] = []
        var inFonts = false, inCellFormats = false
        do throws(XMLRefusal) {
            var reader = try StrictXMLReader(data)
            while let event = try reader.next() {
                switch event {
                case .start(let start):
                    switch start.name {
                    case "fonts": inFonts = true
                    case "font" where inFonts: fonts.append(nil)
                    case "name" where inFonts: if !fonts.isEmpty { fonts[fonts.count - 1] = start.attributes["val"] }
                    case "cellXfs": inCellFormats = true
                    case "xf" where inCellFormats: formatFonts.append(Int(start.attributes["fontId"] ?? "0") ?? 0)
                    default: break
                    }
                case .end(let end):
                    if end.name == "fonts" { inFonts = false }
                    if end.name == "cellXfs" { inCellFormats = false }
                case .text:
                    break
                }
            }
        } catch {
            throw XLSXReader.refused("xl/styles.xml", error)
        }
        return formatFonts.map { $0 >= 0 && $0 < fonts.count ? fonts[$0] : nil }
    }
}
