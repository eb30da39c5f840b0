import Foundation

/// `xl/sharedStrings.xml`: each string's text (runs joined, phonetic runs left out) in NFC,
/// and its first run's font.
enum SharedStringsParser {
    /// #### Errors
    /// ``ExchangeError`` `.malformedFile` for XML the strict reader refuses, `.tooLarge`
    /// for more than `limit` strings.
    static func parse(_ data: Data, limit: Int) throws -> [(text: String, font: String?)] {
        let part = "xl/sharedStrings.xml"
        var strings: [(text: String, font: String?)] = []
        var text = ""
        var font: String?
        var inText = false
        var inPhonetic = false
        var tooMany = false
        do throws(XMLRefusal) {
            var reader = try StrictXMLReader(data)
            reading: while let event = try reader.next() {
                switch event {
                case .start(let start):
                    switch start.name {
                    case "si": text = ""; font = nil
                    case "t": inText = !inPhonetic
                    case "rPh": inPhonetic = true
                    case "rFont": if font == nil { font = start.attributes["val"] }
                    default: break
                    }
                case .end(let end):
                    switch end.name {
                    case "si":
                        guard strings.count < limit else {
                            tooMany = true
                            break reading
                        }
                        strings.append((text.precomposedStringWithCanonicalMapping, font))
                    case "t": inText = false
                    case "rPh": inPhonetic = false
                    default: break
                    }
                case .text(let string):
                    if inText { text += string }
                }
            }
        } catch {
            throw XLSXReader.refused(part, error)
        }
        if tooMany { throw WorkbookParts.overLimits("có hơn \(limit) chuỗi dùng chung", bomb: false) }
        return strings
    }
}
