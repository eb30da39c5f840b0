import BaoCaoCore
import Foundation

/// The figures of a CSV file as import cells. Either two columns, `CHỈ_TIÊU;GIÁ_TRỊ`
/// (`;`, or `,` with a decimal-comma value in quotes), a heading line allowed; or any
/// columns under a heading row that names "Mã chỉ tiêu" and "Giá trị" (what
/// `baocao extract` writes). Legacy Vietnamese text (TCVN3, VNI) is detected and
/// converted first, line by line, and said so.
enum CSVCells {
    static func read(_ data: Data, fileName: String = "CSV") throws -> (cells: [ImportCell], conversions: [String]) {
        let conversion: LegacyConversion
        do {
            conversion = try LegacyVietnamese.convert(Array(data), fileName: fileName)
        } catch {
            throw ExchangeError(.ambiguousText, message: error.message, log: "csv: \(error.logDescription)")
        }
        var conversions: [String] = []
        if let encoding = conversion.encoding, !conversion.convertedLines.isEmpty {
            conversions.append("\(conversion.convertedLines.count) dòng chuyển từ \(encoding.displayName) sang Unicode (dòng \(conversion.convertedLines.prefix(10).map(String.init).joined(separator: ", "))\(conversion.convertedLines.count > 10 ? ", …" : ""))")
        }
        var cells: [ImportCell] = []
        cells.reserveCapacity(conversion.lines.count)
        var columns: (key: Int, value: Int)?
        var lineNumber = 0
        for rawLine in lines(of: conversion) {
            lineNumber += 1
            if isBlank(rawLine) { continue }
            let fields = split(rawLine)
            if columns == nil {
                let headings = fields.map { VietnameseText.searchKey($0) }
                if let key = headings.firstIndex(of: "ma chi tieu"), let value = headings.firstIndex(where: { $0 == "gia tri" || $0 == "so lieu" }) {
                    columns = (key, value)
                    continue
                }
                columns = (0, 1)
                if fields.count == 2, (try? ValueKey(parsing: fields[0])) == nil, !fields[0].isEmpty,
                   !fields[1].contains(where: \.isNumber) { continue }   // a heading line of two names
            }
            guard let columns else { continue }
            guard fields.count > max(columns.key, columns.value) else {
                throw ExchangeError(.malformedFile, message: "Dòng \(lineNumber) của tệp \(fileName) thiếu cột: cần mã chỉ tiêu và giá trị.",
                                    log: "csv line \(lineNumber): \(fields.count) fields")
            }
            cells.append(ImportCell(location: "dòng \(lineNumber)", key: fields[columns.key], text: fields[columns.value]))
        }
        return (cells, conversions)
    }

    /// The file's lines, ended by LF, CRLF or a lone CR (old Mac files).
    static func lines(of conversion: LegacyConversion) -> [Substring] {
        var lines: [Substring] = []
        lines.reserveCapacity(conversion.lines.count)
        for line in conversion.lines {
            guard line.utf8.contains(0x0D) else {
                lines.append(Substring(line))
                continue
            }
            var pieces = line.split(separator: "\r", omittingEmptySubsequences: false)
            if pieces.count > 1, pieces.last?.isEmpty == true { pieces.removeLast() }   // CRLF
            lines += pieces
        }
        return lines
    }

    /// Nothing but spaces; decided on the first byte for almost every line.
    static func isBlank(_ line: Substring) -> Bool {
        guard let first = line.utf8.first else { return true }
        if first < 0x80, first != 0x20, first != 0x09, first != 0x0B, first != 0x0C { return false }
        return line.allSatisfy(\.isWhitespace)
    }

    /// Splits on `;` if the line has one, else on `,`, outside double quotes; inside
    /// quotes, `""` is one quote (RFC 4180). Works on the UTF-8 bytes: the separators and
    /// quotes are ASCII, and a file has thousands of lines.
    static func split(_ line: Substring) -> [String] {
        var line = line
        return line.withUTF8 { bytes in
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
}
