import Foundation
import Testing
@testable import BaoCaoCore

@Suite("Exact decimals")
struct ExactDecimalTests {
    /// Money added through Double drifts (0.1 + 0.2 ≠ 0.3); ours must not, at any size.
    @Test func sum_ofTenths_isExact_whereDoubleDrifts() throws {
        let tenths = Array(repeating: try ExactDecimal(canonical: "0.1"), count: 10)
        #expect(try ExactDecimal.sum(tenths) == ExactDecimal(1))
        #expect(Array(repeating: 0.1, count: 10).reduce(0, +) != 1.0)  // what Double would have given
        let a = try ExactDecimal(canonical: "0.1"), b = try ExactDecimal(canonical: "0.2")
        #expect(try a.adding(b) == ExactDecimal(canonical: "0.3"))
    }

    /// A province's budget in đồng, summed from 600 communes, keeps its last đồng.
    @Test func sum_ofLargeMoney_keepsEveryDigit() throws {
        let value = try ExactDecimal(canonical: "123456789012345.678")
        let total = try ExactDecimal.sum(Array(repeating: value, count: 600))
        #expect(total.description == "74074073407407406.800")
    }

    @Test func canonical_roundTrips_andRejectsLooseForms() throws {
        for text in ["0", "-0.5", "1234.50", "7", "0.000001", "-99999999999999999999.123"] {
            #expect(try ExactDecimal(canonical: text).description == text)
        }
        for bad in ["", "-", "1.", ".5", "1,5", "1e5", "+1", " 1", "1 000", "0x10", "1.2.3", "NaN"] {
            #expect(throws: CoreError.self) { try ExactDecimal(canonical: bad) }
        }
    }

    @Test func equality_ignoresTrailingZeros_butKeepsScaleForDisplay() throws {
        let a = try ExactDecimal(canonical: "1.50")
        let b = try ExactDecimal(canonical: "1.5")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.description == "1.50")
        #expect(try ExactDecimal(canonical: "-2") < ExactDecimal(canonical: "-1.99"))
    }

    /// Half-even rounding: 2.5 → 2, 3.5 → 4, -2.5 → -2, and 1/3 to two decimals.
    @Test func rounding_isHalfEven() throws {
        let cases: [(String, Int, String)] = [
            ("2.5", 0, "2"), ("3.5", 0, "4"), ("-2.5", 0, "-2"), ("-3.5", 0, "-4"),
            ("2.51", 0, "3"), ("1.005", 2, "1.00"), ("1.015", 2, "1.02"), ("7", 2, "7.00"),
        ]
        for (input, decimals, expected) in cases {
            #expect(try ExactDecimal(canonical: input).rounded(toDecimals: decimals).description == expected, "\(input)")
        }
        let third = try ExactDecimal(1).divided(by: ExactDecimal(3), scale: 2)
        #expect(third.description == "0.33")
        let twoThirds = try ExactDecimal(2).divided(by: ExactDecimal(3), scale: 2)
        #expect(twoThirds.description == "0.67")
    }

    @Test func division_byZero_throws() {
        #expect(throws: CoreError.self) { try ExactDecimal(1).divided(by: .zero) }
    }

    @Test func overflow_throws_insteadOfWrapping() throws {
        let huge = try ExactDecimal(canonical: "99999999999999999999999999999999999999")
        #expect(throws: CoreError.self) { try huge.adding(huge) }
        #expect(throws: CoreError.self) { try huge.multiplied(by: huge) }
    }

    /// JSON carries figures as strings; a JSON number would already have passed through Double.
    @Test func codable_usesStrings_andRefusesJSONNumbers() throws {
        let value = try ExactDecimal(canonical: "12345678901234567.89")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == #"["12345678901234567.89"]"#)
        #expect(try JSONDecoder().decode([ExactDecimal].self, from: data) == [value])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ExactDecimal].self, from: Data("[12345678901234567.89]".utf8))
        }
    }
}
