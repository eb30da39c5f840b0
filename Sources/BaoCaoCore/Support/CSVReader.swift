/// A reader for comma-separated values as RFC 4180 writes them (quoted fields may hold
/// commas, doubled quotes and line breaks), that remembers on which line of the file
/// each record starts, so every error can name it.
///
/// Written here rather than taken from a library because our errors must point at the
/// file line a person will open in an editor, which the CSV libraries at hand do not report.
public struct CSVReader: Sendable {
    public struct Record: Sendable, Equatable {
        /// The 1-based line of the file on which the record starts.
        public let line: Int
        public let fields: [String]
    }

    public let fileName: String
    public let separator: Character

    public init(fileName: String, separator: Character = ",") {
        self.fileName = fileName
        self.separator = separator
    }

    /// Splits the text into records. A leading byte-order mark is dropped, CRLF and LF
    /// both end a record, and blank lines are skipped.
    public func records(in text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteOpenedOnLine = 1
        var fieldWasQuoted = false
        var iterator = Substring(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).makeIterator()
        var pending: Character? = nil

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw CoreError.malformedCSV(fileName, line: line, reason: "dấu ngoặc kép nằm giữa một ô")
                }
                inQuotes = true
                fieldWasQuoted = true
                quoteOpenedOnLine = line
            case separator:
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !fieldWasQuoted else {
                    throw CoreError.malformedCSV(fileName, line: line, reason: "có ký tự sau dấu ngoặc kép đóng")
                }
                field.append(character)
            }
        }
        if inQuotes {
            throw CoreError.malformedCSV(fileName, line: quoteOpenedOnLine, reason: "dấu ngoặc kép mở ở đây không được đóng")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}

extension ErrorCode where Domain == CoreDomain {
    public static let malformedCSV = Self("malformedCSV")
}

extension CoreError {
    static func malformedCSV(_ file: String, line: Int, reason: String, sourceFile: String = #fileID, sourceLine: UInt = #line) -> CoreError {
        CoreError(
            .malformedCSV,
            message: "\(file), dòng \(line): tệp CSV bị lỗi — \(reason).",
            log: "\(file):\(line): malformed CSV", file: sourceFile, line: sourceLine)
    }
}
