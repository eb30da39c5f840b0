import Testing
@testable import BaoCaoCore

@Suite("Formulas")
struct FormulaTests {
    @Test func precedence_parentheses_andUnaryMinus() throws {
        let values: [String: ExactDecimal] = ["A": 10, "B": 4, "C": 2]
        let cases = [("A + B * C", "18"), ("(A + B) * C", "28"), ("A - B - C", "4"), ("A / B / C", "1.25"), ("-A + 2.5", "-7.5"), ("A * -C", "-20")]
        for (source, expected) in cases {
            let result = try Formula(parsing: source).evaluate { values[$0] }
            #expect(result == Fixtures.decimal(expected), "\(source)")
        }
    }

    @Test func referencedIndicators_listsEveryCode() throws {
        #expect(try Formula(parsing: "(NN03 / NN02) * 10 + NS.X1").referencedIndicators == ["NN03", "NN02", "NS.X1"])
    }

    /// A missing input leaves the computed value out rather than treating it as zero.
    @Test func missingInput_givesNoValue() throws {
        #expect(try Formula(parsing: "A + B").evaluate { $0 == "A" ? 1 : nil } == nil)
    }

    @Test func malformedFormulas_areRefusedWithReason() {
        for bad in ["A +", "(A + B", "A + * B", "A $ B", "", "1..2 + A", "A B"] {
            #expect(throws: CoreError.self, "\(bad)") { try Formula(parsing: bad) }
        }
    }

    @Test func divisionByZero_isAnError() throws {
        let formula = try Formula(parsing: "A / B")
        #expect(throws: CoreError.self) { try formula.evaluate { $0 == "A" ? 1 : 0 } }
    }

    @Test func crossRule_parsesComparison() throws {
        let (left, comparison, right) = try CrossRule(expression: "NN02 <= NN01 * 1.1").parsed()
        #expect(left.source == "NN02")
        #expect(comparison == .lessOrEqual)
        #expect(right.referencedIndicators == ["NN01"])
        #expect(throws: CoreError.self) { try CrossRule(expression: "NN02 NN01").parsed() }
    }
}
