import BaoCaoCore
import Foundation

/// Figures from a CSV file: `CHỈ_TIÊU;GIÁ_TRỊ` per line (`;`, or `,` with the value in
/// quotes when it holds a decimal comma), values typed the Vietnamese way. A first line
/// that names the columns is skipped.
enum ValueImport {
    static func entries(from csv: String) throws -> [(key: String, text: String)] {
        var entries: [(key: String, text: String)] = []
        for (index, rawLine) in csv.nfc.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let fields = split(line)
            guard fields.count == 2 else {
                throw ServiceError(.invalidInput, message: "Dòng \(index + 1) của tệp số liệu phải có đúng hai cột: mã chỉ tiêu và giá trị.",
                                   log: "csv line \(index + 1): \(fields.count) fields")
            }
            if index == 0, (try? ValueKey(parsing: fields[0])) == nil { continue }  // a header
            entries.append((fields[0], fields[1]))
        }
        return entries
    }

    /// Splits on `;` if present, else on `,` outside double quotes.
    private static func split(_ line: String) -> [String] {
        let separator: Character = line.contains(";") ? ";" : ","
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
            } else if character == separator, !quoted {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
