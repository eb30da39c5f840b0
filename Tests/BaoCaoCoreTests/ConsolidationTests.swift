import Testing
@testable import BaoCaoCore

@Suite("Consolidation")
struct ConsolidationTests {
    let consolidation = Consolidation(catalog: Fixtures.catalog, form: Fixtures.form)

    private func combine(_ children: [[String: String]]) throws -> [String: String] {
        let result = try consolidation.combine(children.map(Fixtures.numbers))
        return Dictionary(uniqueKeysWithValues: result.map { ($0.key.description, $0.value.description) })
    }

    /// A district's figures combine its communes' by each indicator's rule, exactly.
    @Test func eachRule_combinesExactly() throws {
        let result = try combine([
            ["NN01": "120.5", "NN02": "100.0", "NN03": "560.0", "NN05": "7000", "NS01": "1500.125", "LD01": "12", "LD02": "300",
             "TL01": "85.5", "TL02": "12.30", "GD01": "20.0", "LD04[GT=nam]": "6", "LD04": "10"],
            ["NN01": "80.2", "NN02": "80.0", "NN03": "400.0", "NN05": "7600", "NS01": "2499.876", "LD01": "40", "LD02": "1000",
             "TL01": "120.0", "TL02": "11.95", "GD01": "21.0", "LD04[GT=nam]": "3", "LD04": "3"],
            ["NN01": "10.0", "NS01": "0.001", "LD01": "1", "LD02": "9", "GD01": "22.5"],
        ])
        #expect(result["NN01"] == "210.7")
        #expect(result["NS01"] == "4000.002")              // money keeps every decimal
        #expect(result["LD01"] == "53")
        #expect(result["LD02"] == "1309")
        #expect(result["LD03"] == "4.05")                  // 53 / 1309 × 100 = 4.0489… — a ratio of sums, not an average of ratios
        #expect(result["NN04"] == "53.33")                 // recomputed: 960 / 180 × 10
        #expect(result["NN05"] == "7250")                  // (7000×560 + 7600×400) / 960 = 7250
        #expect(result["TL01"] == "120.0")
        #expect(result["TL02"] == "11.95")
        #expect(result["GD01"] == "21.2")                  // (20 + 21 + 22.5) / 3 = 21.1666… → 21.2
        #expect(result["LD04"] == "13")
        #expect(result["LD04[GT=nam]"] == "9")
        #expect(result["GC01"] == nil)                     // text is not combined
    }

    /// A child that did not report is absent, not zero: the average is over those who reported.
    @Test func childThatDidNotReport_isLeftOut() throws {
        let result = try combine([["GD01": "20.0", "LD01": "5", "LD02": "100"], [:], ["GD01": "22.0"]])
        #expect(result["GD01"] == "21.0")
        #expect(result["LD03"] == "5.00")
    }

    /// 0.1 added 600 times is 60 exactly; through Double it is 59.99999999999…
    @Test func sumOfManyDecimals_doesNotDrift() throws {
        let children = Array(repeating: ["NS01": "0.1"], count: 600)
        #expect(try combine(children)["NS01"] == "60.0")
        var double = 0.0
        for _ in 0..<600 { double += 0.1 }
        #expect(double != 60.0)
    }

    /// Half-even rounding of averages: (2 + 3) / 2 = 2.5 → 2 decimals 1 place: 2.5; (0.05+0.10)/2=0.075 → 0.08.
    @Test func average_roundsHalfEven() throws {
        #expect(try Consolidation.combine([Fixtures.decimal("0.05"), Fixtures.decimal("0.10")], by: .average, decimals: 2)?.description == "0.08")
        #expect(try Consolidation.combine([Fixtures.decimal("0.05"), Fixtures.decimal("0.20")], by: .average, decimals: 2)?.description == "0.12")
    }

    @Test func comparisonColumns() {
        #expect(Comparison.percent(Fixtures.decimal("1200"), of: Fixtures.decimal("1000"))?.description == "120.0")
        #expect(Comparison.percent(Fixtures.decimal("1"), of: Fixtures.decimal("3"), decimals: 2)?.description == "33.33")
        #expect(Comparison.percent(Fixtures.decimal("1"), of: .zero) == nil)
    }
}
