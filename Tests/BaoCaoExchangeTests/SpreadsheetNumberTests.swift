import BaoCaoCore
@testable import BaoCaoExchange
import Testing

/// A numeric cell's stored text is read exactly, to the 15 digits a spreadsheet shows.
@Suite("Spreadsheet numbers read exactly")
struct SpreadsheetNumberTests {
    @Test func storedTexts_becomeTheNumbersThePersonSaw() throws {
        let cases = [("1245.5", "1245.5"), ("0.29999999999999999", "0.3"), ("6613.8000000000002", "6613.8"), ("1.2E-3", "0.0012"),
                     ("1E+5", "100000"), ("-0.5", "-0.5"), ("412", "412"), ("12345678901234567", "12345678901234567"), ("0", "0"),
                     ("0.125", "0.125"), ("2.5000000000000005", "2.5")]
        for (stored, shown) in cases {
            #expect(SpreadsheetNumber.exact(stored) == (try ExactDecimal(canonical: shown)), "\(stored)")
        }
        for text in ["", "abc", "1.2.3", "1E", "--1", "1,5"] {
            #expect(SpreadsheetNumber.exact(text) == nil, "\(text)")
        }
    }
}
