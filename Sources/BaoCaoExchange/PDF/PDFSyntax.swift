import Foundation

/// Reads PDF syntax (ISO 32000-1 §7.2–7.3) far enough to find objects and keep their
/// values as the bytes they were written with: a dictionary's entries, an array's
/// elements, indirect references. What an incremental update needs to change the catalog,
/// a page and the form, and nothing more.
struct PDFSyntax {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { [0, 9, 10, 12, 13, 32].contains(byte) }
    static func isDelimiter(_ byte: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(byte) }

    mutating func skipWhitespace() {
        while position < bytes.count {
            if Self.isWhitespace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 10, bytes[position] != 13 { position += 1 }
            } else {
                return
            }
        }
    }

    /// A regular token (a number, a keyword) at the position.
    mutating func token() throws -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), !Self.isDelimiter(bytes[position]) { position += 1 }
        guard position > start else { throw PDFSyntaxFailure("expected a token at \(start)") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func integer() throws -> Int {
        let text = try token()
        guard let value = Int(text) else { throw PDFSyntaxFailure("expected an integer, found \(text.prefix(20))") }
        return value
    }

    mutating func expect(_ keyword: String) throws {
        let found = try token()
        guard found == keyword else { throw PDFSyntaxFailure("expected \(keyword), found \(found.prefix(20))") }
    }

    /// The raw bytes of the next value, as text (the structures we read are ASCII; strings
    /// are kept byte for byte through Latin-1).
    mutating func rawValue() throws -> String {
        skipWhitespace()
        let start = position
        try skipValue()
        return String(bytes[start..<position].map { Character(Unicode.Scalar($0)) })
    }

    /// Moves past one value; an integer followed by `G R` is one value (a reference).
    mutating func skipValue() throws {
        skipWhitespace()
        guard position < bytes.count else { throw PDFSyntaxFailure("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "<") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "<"):
            _ = try dictionary()
        case UInt8(ascii: "<"):
            guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ">")) else { throw PDFSyntaxFailure("unterminated hex string") }
            position = end + 1
        case UInt8(ascii: "["):
            position += 1
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw PDFSyntaxFailure("unterminated array") }
                if bytes[position] == UInt8(ascii: "]") { position += 1; break }
                try skipValue()
            }
        case UInt8(ascii: "("):
            var depth = 0
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\\") { position += 1; continue }
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return } }
            }
            throw PDFSyntaxFailure("unterminated string")
        case UInt8(ascii: "/"):
            position += 1
            while position < bytes.count, !Self.isWhitespace(bytes[position]), !Self.isDelimiter(bytes[position]) { position += 1 }
        default:
            let first = try token()
            guard Int(first) != nil else { return }
            let saved = position
            if let generation = try? token(), Int(generation) != nil, let keyword = try? token(), keyword == "R" { return }
            position = saved
        }
    }

    /// A dictionary's entries in order, each value as its raw text.
    mutating func dictionary() throws -> PDFDictionary {
        skipWhitespace()
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "<"), bytes[position + 1] == UInt8(ascii: "<") else {
            throw PDFSyntaxFailure("expected a dictionary at \(position)")
        }
        position += 2
        var entries: [(key: String, value: String)] = []
        while true {
            skipWhitespace()
            guard position + 1 < bytes.count else { throw PDFSyntaxFailure("unterminated dictionary") }
            if bytes[position] == UInt8(ascii: ">"), bytes[position + 1] == UInt8(ascii: ">") {
                position += 2
                return PDFDictionary(entries: entries)
            }
            guard bytes[position] == UInt8(ascii: "/") else { throw PDFSyntaxFailure("expected a name key at \(position)") }
            let key = try rawValue()
            entries.append((key, try rawValue()))
        }
    }
}

/// What could not be read, for the log; the caller says it in Vietnamese.
struct PDFSyntaxFailure: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}

/// A dictionary as written: keys (`/Type`) and raw values, in order.
struct PDFDictionary {
    var entries: [(key: String, value: String)]

    subscript(key: String) -> String? {
        get { entries.first { $0.key == key }?.value }
        set {
            entries.removeAll { $0.key == key }
            if let newValue { entries.append((key, newValue)) }
        }
    }

    var text: String { "<< " + entries.map { "\($0.key) \($0.value)" }.joined(separator: " ") + " >>" }

    /// The object number of a reference value (`12 0 R`).
    func reference(_ key: String) -> Int? {
        self[key].flatMap(PDFDictionary.referenceNumber)
    }

    static func referenceNumber(_ raw: String) -> Int? {
        let parts = raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" })
        guard parts.count == 3, parts[2] == "R" else { return nil }
        return Int(parts[0])
    }

    /// The object numbers of an array of references (`[3 0 R 7 0 R]`).
    static func references(inArray raw: String) -> [Int]? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else { return nil }
        let parts = trimmed.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" })
        guard parts.count % 3 == 0 else { return nil }
        var numbers: [Int] = []
        for index in stride(from: 0, to: parts.count, by: 3) {
            guard let number = Int(parts[index]), Int(parts[index + 1]) != nil, parts[index + 2] == "R" else { return nil }
            numbers.append(number)
        }
        return numbers
    }
}
