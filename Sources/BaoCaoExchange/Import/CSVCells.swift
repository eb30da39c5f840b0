import BaoCaoCore
import Foundation

/// The figures of a CSV file as import cells. Either two columns, `CHỈ_TIÊU;GIÁ_TRỊ`
/// (`;`, or `,` with a decimal-comma value in quotes), a heading line allowed; or any
/// columns under a heading row that names "Mã chỉ tiêu" and "Giá trị" (what
/// `baocao extract` writes). Legacy Vietnamese text (TCVN3, VNI) is detected and
/// converted first, line by line, and said so.
enum CSVCells {
    static func read(_ data: Data, fileName: String = "CSV") throws -> (cells: [ImportCell], conversions: [String]) {
        let bytes = [UInt8](data)
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0   // a UTF-8 byte-order mark
        // The file's lines (at line feeds), and which of them are not ASCII.
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 16)
        var notASCII: [Int] = []
        var start = body
        var high: UInt8 = 0
        for index in body..<bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                if high >= 0x80 { notASCII.append(lines.count) }
                lines.append(start..<index)
                start = index + 1
                high = 0
            } else {
                high |= byte
            }
        }
        if start < bytes.count {
            if high >= 0x80 { notASCII.append(lines.count) }
            lines.append(start..<bytes.count)
        }
        // Only lines that are not ASCII can be legacy text or need NFC: they go through the
        // legacy conversion together, which tells their encoding from all of them at once
        // (an ASCII line is no evidence of either, and converts to itself).
        var unicodeLines: [Int: String] = [:]
        var conversions: [String] = []
        if !notASCII.isEmpty {
            let conversion: LegacyConversion
            do {
                conversion = try LegacyVietnamese.convert(Array(notASCII.map { bytes[lines[$0]] }.joined(separator: [0x0A])), fileName: fileName)
            } catch {
                throw ExchangeError(.ambiguousText, message: error.message, log: "csv: \(error.logDescription)")
            }
            for (line, text) in zip(notASCII, conversion.lines) { unicodeLines[line] = text }
            if let encoding = conversion.encoding, !conversion.convertedLines.isEmpty {
                let numbers = conversion.convertedLines.map { notASCII[$0 - 1] + 1 }
                conversions.append("\(numbers.count) dòng chuyển từ \(encoding.displayName) sang Unicode (dòng \(numbers.prefix(10).map(String.init).joined(separator: ", "))\(numbers.count > 10 ? ", …" : ""))")
            }
        }

        var reader = Reader(fileName: fileName)
        reader.cells.reserveCapacity(lines.count)
        try bytes.withUnsafeBufferPointer { buffer in
            for (index, range) in lines.enumerated() {
                if let text = unicodeLines[index] {
                    for piece in pieces(of: text) {
                        reader.lineNumber += 1
                        if !isBlank(piece) { try reader.take(split(piece)) }
                    }
                } else {
                    for piece in pieces(of: UnsafeBufferPointer(rebasing: buffer[range])) {
                        reader.lineNumber += 1
                        if !isBlank(piece) { try reader.take(split(piece)) }
                    }
                }
            }
        }
        return (reader.cells, conversions)
    }

    /// Cells from the fields of each line, in turn: the first line decides the columns.
    private struct Reader {
        let fileName: String
        var cells: [ImportCell] = []
        var lineNumber = 0
        var columns: (key: Int, value: Int)?

        mutating func take(_ fields: [String]) throws {
            if columns == nil {
                let headings = fields.map { VietnameseText.searchKey($0) }
                if let key = headings.firstIndex(of: "ma chi tieu"), let value = headings.firstIndex(where: { $0 == "gia tri" || $0 == "so lieu" }) {
                    columns = (key, value)
                    return
                }
                columns = (0, 1)
                if fields.count == 2, (try? ValueKey(parsing: fields[0])) == nil, !fields[0].isEmpty,
                   !fields[1].contains(where: \.isNumber) { return }   // a heading line of two names
            }
            guard let columns else { return }
            guard fields.count > max(columns.key, columns.value) else {
                throw ExchangeError(.malformedFile, message: "Dòng \(lineNumber) của tệp \(fileName) thiếu cột: cần mã chỉ tiêu và giá trị.",
                                    log: "csv line \(lineNumber): \(fields.count) fields")
            }
            cells.append(ImportCell(location: "dòng \(lineNumber)", key: fields[columns.key], text: fields[columns.value]))
        }
    }

    /// A line's pieces at carriage returns: a line ended by CRLF is one line, a lone CR
    /// (old Mac files) ends one.
    static func pieces(of line: String) -> [Substring] {
        guard line.utf8.contains(0x0D) else { return [Substring(line)] }
        var pieces = line.split(separator: "\r", omittingEmptySubsequences: false)
        if pieces.count > 1, pieces.last?.isEmpty == true { pieces.removeLast() }   // CRLF
        return pieces
    }

    /// The same, for an ASCII line's bytes.
    static func pieces(of line: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        guard line.contains(0x0D) else { return [line] }
        var pieces = line.split(separator: 0x0D, omittingEmptySubsequences: false).map { UnsafeBufferPointer(rebasing: $0) }
        if pieces.count > 1, pieces.last?.isEmpty == true { pieces.removeLast() }   // CRLF
        return pieces
    }

    /// Nothing but spaces (an ASCII line).
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0B || $0 == 0x0C }
    }

    /// Nothing but spaces; decided on the first byte for almost every line.
    static func isBlank(_ line: Substring) -> Bool {
        guard let first = line.utf8.first else { return true }
        if first < 0x80, first != 0x20, first != 0x09, first != 0x0B, first != 0x0C { return false }
        return line.allSatisfy(\.isWhitespace)
    }

    /// Splits on `;` if the line has one, else on `,`, outside double quotes; inside
    /// quotes, `""` is one quote (RFC 4180).
    static func split(_ line: Substring) -> [String] {
        var line = line
        return line.withUTF8 { split($0) }
    }

    /// The same on the line's UTF-8 bytes: the separators and quotes are ASCII, and a file
    /// has thousands of lines.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        let separator: UInt8 = bytes.contains(UInt8(ascii: ";")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let quote = UInt8(ascii: "\"")
        var fields: [String] = []
        fields.reserveCapacity(4)
        guard bytes.contains(quote) else {   // most lines: fields are the text between separators
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == separator {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).trimmingSpaces())
                start = index + 1
            }
            return fields
        }
        var current: [UInt8] = []
        var quoted = false
        var index = 0
        func finish() {
            fields.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
            current.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                if quoted, index + 1 < bytes.count, bytes[index + 1] == quote {
                    current.append(quote)
                    index += 1
                } else {
                    quoted.toggle()
                }
            } else if byte == separator, !quoted {
                finish()
            } else {
                current.append(byte)
            }
            index += 1
        }
        finish()
        return fields
    }
}
