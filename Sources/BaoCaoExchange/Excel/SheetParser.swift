import Foundation

/// A worksheet part: every cell with a value, by reference, text in NFC.
struct SheetParser {
    let sharedStrings: [(text: String, font: String?)]
    let cellFonts: [String?]
    let maximumCells: Int

    /// What stopped the reading of a sheet that is well-formed XML.
    private enum Stop {
        case missingString(reference: String)
        case tooManyCells
    }

    /// #### Errors
    /// ``ExchangeError`` `.malformedFile` for XML the strict reader refuses or a cell
    /// pointing at a shared string that does not exist, `.tooLarge` for more than
    /// ``maximumCells`` cells.
    func parse(_ data: Data, part: String) throws -> [String: XLSXCell] {
        var cells: [String: XLSXCell] = [:]
        var reference: String?
        var type = "n"
        var style = 0
        var value = ""
        var inline = ""
        var inValue = false, inInlineText = false
        var stop: Stop?
        do throws(XMLRefusal) {
            var reader = try StrictXMLReader(data)
            reading: while let event = try reader.next() {
                switch event {
                case .start(let start):
                    switch start.name {
                    case "c":
                        reference = start.attributes["r"]
                        type = start.attributes["t"] ?? "n"
                        style = Int(start.attributes["s"] ?? "0") ?? 0
                        value = ""
                        inline = ""
                    case "v": inValue = true
                    case "t": inInlineText = reference != nil
                    default: break
                    }
                case .text(let string):
                    if inValue { value += string } else if inInlineText { inline += string }
                case .end(let end):
                    switch end.name {
                    case "v": inValue = false
                    case "t": inInlineText = false
                    case "c":
                        defer { reference = nil }
                        guard let cellReference = reference else { continue reading }
                        guard cells.count < maximumCells else {
                            stop = .tooManyCells
                            break reading
                        }
                        guard let made = cell(type: type, value: value, inline: inline, style: style) else {
                            stop = .missingString(reference: cellReference)
                            break reading
                        }
                        if let made { cells[cellReference] = made }
                    default: break
                    }
                }
            }
        } catch {
            throw XLSXReader.refused(part, error)
        }
        switch stop {
        case .missingString(let reference):
            throw XLSXReader.malformed("ô \(reference.prefix(40)) trỏ tới chuỗi không có", log: "sheet \(part): \(reference) missing shared string")
        case .tooManyCells:
            throw WorkbookParts.overLimits("trang tính \(part.prefix(120)) có hơn \(maximumCells) ô", bomb: false)
        case nil:
            return cells
        }
    }

    /// The cell a `<c>` element of type `type` makes (`.some(nil)`: none, an empty number);
    /// `nil` for a shared string that does not exist.
    private func cell(type: String, value: String, inline: String, style: Int) -> XLSXCell?? {
        let font = style >= 0 && style < cellFonts.count ? cellFonts[style] : nil
        switch type {
        case "s":
            guard let index = Int(value), index >= 0, index < sharedStrings.count else { return nil }
            let shared = sharedStrings[index]
            return XLSXCell(text: shared.text, isNumber: false, fontName: shared.font ?? font)
        case "inlineStr":
            return XLSXCell(text: inline.precomposedStringWithCanonicalMapping, isNumber: false, fontName: font)
        case "str":
            return XLSXCell(text: value.precomposedStringWithCanonicalMapping, isNumber: false, fontName: font)
        case "b":
            return XLSXCell(text: value == "1" ? "true" : "false", isNumber: false, fontName: font)
        case "e":
            return XLSXCell(text: value, isNumber: false, fontName: font)
        default:
            return .some(value.isEmpty ? nil : XLSXCell(text: value, isNumber: true, fontName: font))
        }
    }
}
