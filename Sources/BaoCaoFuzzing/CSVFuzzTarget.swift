import BaoCaoCore
import BaoCaoExchange
import Foundation

/// A CSV file of figures as an import reads it (``CSVValueCells``), then each cell as
/// ``DraftImport`` reads it before checking it against a form: the code as a
/// ``ValueKey``, the value as a Vietnamese number under both conventions.
///
/// A number that reads writes back (``VietnameseNumberFormat/format(_:)``) to text that
/// reads as the same number, and a text both conventions read means the same number to both.
enum CSVFuzzTarget {
    /// Accepted: the file read as CSV cells.
    static func run(_ data: Data) -> FuzzOutcome {
        guard let (cells, _) = try? CSVValueCells.read(data) else { return .refused }
        for cell in cells {
            if let key = try? ValueKey(parsing: cell.key.trimmingSpaces().nfc) {
                FuzzInvariant.require((try? ValueKey(parsing: key.description)) == key, "value key \(key) does not parse back")
            }
            let text = cell.text.trimmingSpaces().nfc
            let vietnamese = try? VietnameseNumberFormat.parse(text, convention: .vietnamese)
            let either = try? VietnameseNumberFormat.parse(text, convention: .anyUnambiguous)
            if let vietnamese, let either {
                FuzzInvariant.require(vietnamese == either, "\(text.debugDescription) reads as \(vietnamese) and as \(either)")
            }
            for number in [vietnamese, either].compactMap({ $0 }) {
                let written = VietnameseNumberFormat.format(number)
                FuzzInvariant.require((try? VietnameseNumberFormat.parse(written)) == number,
                                      "\(number) written as \(written.debugDescription) does not read back")
                FuzzInvariant.require((try? ExactDecimal(canonical: number.description)) == number,
                                      "\(number)'s canonical text does not read back")
            }
        }
        return .accepted
    }
}
