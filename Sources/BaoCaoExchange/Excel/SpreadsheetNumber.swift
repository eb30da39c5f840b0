import BaoCaoCore
import Foundation

/// The decimal text a spreadsheet stores for a numeric cell (`1245.5`, `1.2E-3`,
/// `0.29999999999999999`) as an exact number, never through `Double`. Spreadsheets keep
/// 15 significant digits and some write a binary number's longer expansion: beyond 15
/// significant digits the text is rounded (half-even) to 15, which is what the person saw.
enum SpreadsheetNumber {
    static let significantDigits = 15

    static func exact(_ text: String) -> ExactDecimal? {
        var mantissa = Substring(text.trimmingCharacters(in: .whitespaces))
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let value = Int(mantissa[mantissa.index(after: e)...].replacingOccurrences(of: "+", with: "")),
                  abs(value) <= 30 else { return nil }
            exponent = value
            mantissa = mantissa[..<e]
        }
        var negative = false
        if mantissa.first == "-" {
            negative = true
            mantissa = mantissa.dropFirst()
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integer = parts.first, parts.count <= 2 else { return nil }
        var digits = String(integer) + (parts.count == 2 ? String(parts[1]) : "")
        var scale = (parts.count == 2 ? parts[1].count : 0) - exponent
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // Leading zeros carry no significance.
        digits = String(digits.drop { $0 == "0" })
        if digits.isEmpty { return ExactDecimal(0) }
        if scale < 0 {
            digits += String(repeating: "0", count: -scale)
            scale = 0
        }
        // Digits beyond 15 significant ones (and beyond the decimals we can keep) are
        // rounded off, half to even; integer digits are never dropped.
        let drop = min(scale, max(digits.count - significantDigits, scale - ExactDecimal.maxScale, 0))
        let kept = String(digits.dropLast(drop))
        let dropped = String(digits.suffix(drop))
        guard kept.count <= 38, var significand = kept.isEmpty ? 0 : Int128(kept) else { return nil }
        if let first = dropped.first {
            let rest = dropped.dropFirst()
            let above = first > "5" || (first == "5" && rest.contains { $0 != "0" })
            let tie = first == "5" && rest.allSatisfy { $0 == "0" }
            if above || (tie && significand % 2 == 1) { significand += 1 }
        }
        scale -= drop
        let number = ExactDecimal(significand: negative ? -significand : significand, scale: scale)
        return number.normalized
    }
}
