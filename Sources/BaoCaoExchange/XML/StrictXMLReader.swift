import Foundation

/// A pull reader for the small XML documents of a workbook and of an ADX file, both from
/// outside: each ``next()`` gives the next ``XMLEvent``, or `nil` at the end of a
/// well-formed document.
///
/// Why our own and not Foundation's `XMLParser`: libxml2 underneath it reads DTDs and
/// entity declarations, and FoundationXML passes a null pointer to `strlen` for a
/// processing instruction without data (`<?x?>`), which killed the process — a clerk's
/// upload took the node down (issue 17). This reader knows only what Excel, LibreOffice,
/// openpyxl and DHIS2 write:
///
/// - UTF-8 only (a leading byte-order mark is skipped); a declaration naming another
///   encoding is refused;
/// - well-formed: one root element, end tags matching, attribute values quoted and never
///   twice on one element, prefixes declared (`xmlns:x`);
/// - the five predefined entities (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`) and numeric
///   character references, nothing else;
/// - no DTD (`<!DOCTYPE`), no entity or other markup declaration, and no processing
///   instruction but the leading `<?xml …?>` declaration: each is refused, never skipped;
/// - comments are skipped and CDATA sections read as text;
/// - depth, attribute count, name and text length bounded (``XMLReaderLimits``).
///
/// Every refusal is an ``XMLRefusal`` with the byte offset and line where it was found.
///
/// #### Implementation details
/// The bytes are checked as UTF-8 once, up front; the reader then works on bytes and only
/// makes strings of names, attribute values and text it hands out. Line numbers are
/// counted forward as the reader goes, so asking for one costs only the bytes since the
/// last one.
struct StrictXMLReader {
    private let bytes: [UInt8]
    private let limits: XMLReaderLimits
    private var position = 0
    /// The elements open, innermost last, with the namespace bindings each declared.
    private var open: [(name: String, localName: String, namespace: String?, bindings: [(prefix: String, uri: String)])] = []
    /// The end of an empty element, handed out on the next call.
    private var pendingEnd: XMLElementEnd?
    private var sawRoot = false
    private var countedLines = (upTo: 0, line: 1)

    /// Checks the encoding and reads the declaration, if any.
    ///
    /// #### Errors
    /// ``XMLRefusal`` for bytes that are not UTF-8 or a declaration that is refused.
    init(_ data: Data, limits: XMLReaderLimits = .default) throws(XMLRefusal) {
        bytes = [UInt8](data)
        self.limits = limits
        try checkEncoding()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        if starts(with: "<?xml"), position + 5 < bytes.count, Self.isSpace(bytes[position + 5]) {
            try readDeclaration()
        }
    }

    /// The next event, or `nil` once the root element has closed and only comments and
    /// white space followed it.
    ///
    /// #### Errors
    /// ``XMLRefusal`` at the first thing that is refused; reading further after one is meaningless.
    mutating func next() throws(XMLRefusal) -> XMLEvent? {
        if let end = pendingEnd {
            pendingEnd = nil
            return .end(end)
        }
        while true {
            if open.isEmpty {
                skipSpaces()
                guard position < bytes.count else {
                    guard sawRoot else { throw refusal(.noRootElement) }
                    return nil
                }
                guard bytes[position] == UInt8(ascii: "<") else {
                    throw refusal(sawRoot ? .contentAfterRootElement : .malformed("có văn bản ngoài phần tử gốc"))
                }
                if try skipCommentOrRefuseMarkup() { continue }
                guard !sawRoot else { throw refusal(.contentAfterRootElement) }
                sawRoot = true
                return try readStartTag()
            }
            guard position < bytes.count else { throw refusal(.unclosedElement(open[open.count - 1].name)) }
            guard bytes[position] == UInt8(ascii: "<") else { return .text(try readText()) }
            if starts(with: "<![CDATA[") {
                return .text(try readCDATA())
            }
            if try skipCommentOrRefuseMarkup() { continue }
            if starts(with: "</") { return .end(try readEndTag()) }
            return try readStartTag()
        }
    }

    // MARK: Markup other than elements

    /// Skips a comment and says so; refuses `<!DOCTYPE`, other declarations and processing
    /// instructions; returns `false` for anything else (an element's tag).
    private mutating func skipCommentOrRefuseMarkup() throws(XMLRefusal) -> Bool {
        if starts(with: "<!--") {
            let start = position
            position += 4
            while position < bytes.count {
                if starts(with: "--") {
                    guard starts(with: "-->") else { throw refusal(.malformed("chú thích chứa \"--\"")) }
                    position += 3
                    return true
                }
                try checkCharacter(at: position)
                position += 1
            }
            throw refusal(.malformed("chú thích không được đóng"), at: start)
        }
        if starts(with: "<!DOCTYPE") { throw refusal(.documentTypeDeclaration) }
        if starts(with: "<!") { throw refusal(.markupDeclaration) }
        if starts(with: "<?") {
            var end = position + 2
            while end < bytes.count, end - position < 42, !Self.isSpace(bytes[end]), bytes[end] != UInt8(ascii: "?") { end += 1 }
            throw refusal(.processingInstruction(String(decoding: bytes[(position + 2)..<end], as: UTF8.self)))
        }
        return false
    }

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, at the very start.
    private mutating func readDeclaration() throws(XMLRefusal) {
        position += 5
        var seen: [String: String] = [:]
        while true {
            let spaced = skipSpaces()
            if starts(with: "?>") {
                position += 2
                break
            }
            guard spaced, position < bytes.count else { throw refusal(.malformed("khai báo <?xml …?> không đúng dạng")) }
            let (name, value) = try readAttribute()
            guard ["version", "encoding", "standalone"].contains(name), seen.updateValue(value, forKey: name) == nil else {
                throw refusal(.malformed("khai báo <?xml …?> có \(name.prefix(40)) không đúng chỗ"))
            }
        }
        guard let version = seen["version"], version.hasPrefix("1.") else {
            throw refusal(.malformed("khai báo <?xml …?> thiếu version=\"1.0\""))
        }
        if let encoding = seen["encoding"], !["utf-8", "utf8"].contains(encoding.lowercased()) {
            throw refusal(.declaredEncoding(encoding))
        }
    }

    // MARK: Elements

    private mutating func readStartTag() throws(XMLRefusal) -> XMLEvent {
        let tagStart = position
        let line = self.line(at: tagStart)
        position += 1
        let name = try readName()
        var raw: [(name: String, value: String)] = []
        var names: Set<String> = []
        var empty = false
        while true {
            let spaced = skipSpaces()
            guard position < bytes.count else { throw refusal(.unclosedElement(name)) }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                break
            }
            if starts(with: "/>") {
                position += 2
                empty = true
                break
            }
            guard spaced else { throw refusal(.malformed("thiếu khoảng trắng giữa các thuộc tính của thẻ <\(name.prefix(80))>")) }
            let attributeStart = position
            let attribute = try readAttribute()
            guard names.insert(attribute.name).inserted else { throw refusal(.duplicateAttribute(attribute.name), at: attributeStart) }
            guard raw.count < limits.maximumAttributes else { throw refusal(.tooManyAttributes(limit: limits.maximumAttributes), at: attributeStart) }
            raw.append(attribute)
        }
        guard open.count < limits.maximumDepth else { throw refusal(.tooDeep(limit: limits.maximumDepth), at: tagStart) }

        // Namespaces: this element's declarations first, then its own name and its attributes' prefixes.
        var bindings: [(prefix: String, uri: String)] = []
        var attributes: [String: String] = [:]
        for attribute in raw {
            if attribute.name == "xmlns" {
                bindings.append(("", attribute.value))
            } else if attribute.name.hasPrefix("xmlns:") {
                let prefix = String(attribute.name.dropFirst(6))
                guard !attribute.value.isEmpty else { throw refusal(.malformed("khai báo xmlns:\(prefix.prefix(40)) rỗng"), at: tagStart) }
                bindings.append((prefix, attribute.value))
            } else {
                attributes[attribute.name] = attribute.value
            }
        }
        let (prefix, localName) = Self.split(name)
        let namespace = try resolve(prefix, with: bindings, at: tagStart)
        for attributeName in attributes.keys {
            let attributePrefix = Self.split(attributeName).prefix
            if let attributePrefix { _ = try resolve(attributePrefix, with: bindings, at: tagStart) }
        }
        open.append((name, localName, namespace, bindings))
        let start = XMLElementStart(name: name, localName: localName, namespace: namespace, attributes: attributes, line: line)
        if empty {
            open.removeLast()
            pendingEnd = XMLElementEnd(name: name, localName: localName, namespace: namespace)
        }
        return .start(start)
    }

    private mutating func readEndTag() throws(XMLRefusal) -> XMLElementEnd {
        let tagStart = position
        position += 2
        let name = try readName()
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw refusal(.malformed("thẻ đóng </\(name.prefix(80))> không đúng dạng"))
        }
        position += 1
        let current = open[open.count - 1]
        guard current.name == name else { throw refusal(.mismatchedEndTag(expected: current.name, found: name), at: tagStart) }
        open.removeLast()
        return XMLElementEnd(name: current.name, localName: current.localName, namespace: current.namespace)
    }

    /// The namespace a prefix stands for (`nil` prefix: the default namespace), looking
    /// from the element being opened outwards; `xml` is bound by XML itself.
    private func resolve(_ prefix: String?, with bindings: [(prefix: String, uri: String)], at offset: Int) throws(XMLRefusal) -> String? {
        let wanted = prefix ?? ""
        if wanted == "xml" { return "http://www.w3.org/XML/1998/namespace" }
        if let bound = bindings.last(where: { $0.prefix == wanted }) { return bound.uri.isEmpty ? nil : bound.uri }
        for element in open.reversed() {
            if let bound = element.bindings.last(where: { $0.prefix == wanted }) { return bound.uri.isEmpty ? nil : bound.uri }
        }
        guard prefix == nil else { throw refusal(.undeclaredPrefix(wanted), at: offset) }
        return nil
    }

    /// `prefix:local` → (`prefix`, `local`); a name without a colon has no prefix.
    private static func split(_ name: String) -> (prefix: String?, localName: String) {
        guard let colon = name.firstIndex(of: ":") else { return (nil, name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    // MARK: Names, attributes, text

    /// A name (with at most one colon, neither first nor last).
    private mutating func readName() throws(XMLRefusal) -> String {
        let start = position
        guard position < bytes.count, Self.isNameStart(bytes[position]) else {
            throw refusal(.malformed("thiếu tên thẻ hoặc tên thuộc tính"))
        }
        while position < bytes.count, Self.isNameByte(bytes[position]) {
            position += 1
            guard position - start <= limits.maximumNameLength else { throw refusal(.nameTooLong(limit: limits.maximumNameLength), at: start) }
        }
        let name = bytes[start..<position]
        let colons = name.filter { $0 == UInt8(ascii: ":") }.count
        guard colons == 0 || (colons == 1 && name.first != UInt8(ascii: ":") && name.last != UInt8(ascii: ":")) else {
            throw refusal(.malformed("tên \"\(String(decoding: name, as: UTF8.self).prefix(80))\" có dấu hai chấm không đúng chỗ"), at: start)
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// `name = "value"` or `name='value'`: the value with its references replaced, and
    /// tabs and line ends written as such made spaces (as XML normalises attribute values).
    private mutating func readAttribute() throws(XMLRefusal) -> (name: String, value: String) {
        let name = try readName()
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw refusal(.malformed("thuộc tính \(name.prefix(80)) thiếu dấu ="))
        }
        position += 1
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw refusal(.malformed("giá trị của thuộc tính \(name.prefix(80)) không nằm trong dấu nháy"))
        }
        let quote = bytes[position]
        position += 1
        let start = position
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else { throw refusal(.malformed("giá trị của thuộc tính \(name.prefix(80)) không được đóng"), at: start) }
            guard position - start <= limits.maximumTextLength else { throw refusal(.textTooLong(limit: limits.maximumTextLength), at: start) }
            let byte = bytes[position]
            switch byte {
            case quote:
                position += 1
                return (name, String(decoding: value, as: UTF8.self))
            case UInt8(ascii: "<"):
                throw refusal(.malformed("giá trị của thuộc tính \(name.prefix(80)) chứa dấu <"))
            case UInt8(ascii: "&"):
                try readReference(into: &value)
            case UInt8(ascii: "\r"):
                position += starts(with: "\r\n") ? 2 : 1
                value.append(UInt8(ascii: " "))
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                position += 1
                value.append(UInt8(ascii: " "))
            default:
                try checkCharacter(at: position)
                value.append(byte)
                position += 1
            }
        }
    }

    /// Text up to the next `<`, references replaced, line ends made `\n`.
    private mutating func readText() throws(XMLRefusal) -> String {
        let start = position
        var text: [UInt8] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
            guard position - start <= limits.maximumTextLength else { throw refusal(.textTooLong(limit: limits.maximumTextLength), at: start) }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "&"):
                try readReference(into: &text)
            case UInt8(ascii: "\r"):
                position += starts(with: "\r\n") ? 2 : 1
                text.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "]") where starts(with: "]]>"):
                throw refusal(.malformed("văn bản chứa \"]]>\""))
            default:
                try checkCharacter(at: position)
                text.append(byte)
                position += 1
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `<![CDATA[…]]>`: its content as text, line ends made `\n`.
    private mutating func readCDATA() throws(XMLRefusal) -> String {
        let start = position
        position += 9
        var text: [UInt8] = []
        while !starts(with: "]]>") {
            guard position < bytes.count else { throw refusal(.malformed("đoạn CDATA không được đóng"), at: start) }
            guard position - start <= limits.maximumTextLength else { throw refusal(.textTooLong(limit: limits.maximumTextLength), at: start) }
            if bytes[position] == UInt8(ascii: "\r") {
                position += starts(with: "\r\n") ? 2 : 1
                text.append(UInt8(ascii: "\n"))
                continue
            }
            try checkCharacter(at: position)
            text.append(bytes[position])
            position += 1
        }
        position += 3
        return String(decoding: text, as: UTF8.self)
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` or `&#xH;`, appended as UTF-8.
    private mutating func readReference(into output: inout [UInt8]) throws(XMLRefusal) {
        let start = position
        position += 1
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: ";"), end - position < 32 {
            let byte = bytes[end]
            guard Self.isNameByte(byte) || byte == UInt8(ascii: "#") else { break }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > position else {
            throw refusal(.malformed("dấu & không thuộc một tham chiếu (hãy viết &amp;)"), at: start)
        }
        let name = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end + 1
        switch name {
        case "amp": output.append(UInt8(ascii: "&"))
        case "lt": output.append(UInt8(ascii: "<"))
        case "gt": output.append(UInt8(ascii: ">"))
        case "quot": output.append(UInt8(ascii: "\""))
        case "apos": output.append(UInt8(ascii: "'"))
        default:
            guard name.hasPrefix("#") else { throw refusal(.undefinedEntity(name), at: start) }
            let hex = name.hasPrefix("#x")
            let digits = name.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy({ hex ? $0.isHexDigit : ("0"..."9").contains($0) }),
                  let value = UInt32(digits, radix: hex ? 16 : 10), Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
                throw refusal(.invalidCharacterReference(name), at: start)
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
    }

    // MARK: Bytes

    /// Refuses a control character other than tab and line ends (the bytes are UTF-8,
    /// checked up front, where U+FFFE and U+FFFF are refused too).
    private func checkCharacter(at offset: Int) throws(XMLRefusal) {
        let byte = bytes[offset]
        if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
            throw refusal(.forbiddenCharacter(UInt32(byte)), at: offset)
        }
    }

    /// The whole document is UTF-8, without U+FFFE or U+FFFF (not characters in XML).
    private func checkEncoding() throws(XMLRefusal) {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let value = Unicode.UTF8.decode(encoded).value
                if value == 0xFFFE || value == 0xFFFF { throw refusal(.forbiddenCharacter(value), at: offset) }
                offset += encoded.count
            case .error:
                throw refusal(.notUTF8, at: offset)
            case .emptyInput:
                return
            }
        }
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    /// Whether the bytes at the reading position are `text`'s.
    private func starts(with text: String) -> Bool {
        var index = position
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The line of `offset`, counted on from the last line asked for (offsets only grow
    /// while reading; an earlier one is counted from the start).
    private mutating func line(at offset: Int) -> Int {
        if offset < countedLines.upTo { countedLines = (0, 1) }
        var line = countedLines.line
        for index in countedLines.upTo..<offset where bytes[index] == 0x0A { line += 1 }
        countedLines = (offset, line)
        return line
    }

    private func refusal(_ reason: XMLRefusal.Reason) -> XMLRefusal {
        refusal(reason, at: position)
    }

    private func refusal(_ reason: XMLRefusal.Reason, at offset: Int) -> XMLRefusal {
        let offset = min(offset, bytes.count)
        let line = 1 + bytes[0..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return XMLRefusal(reason: reason, offset: offset, line: line)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A letter, `_`, `:` or any non-ASCII byte (the UTF-8 of a letter of another script).
    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x3A || byte >= 0x80
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
    }

    /// `Char` of XML 1.0: tab, line ends, and every scalar from U+0020 but the surrogates, U+FFFE and U+FFFF.
    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }
}
