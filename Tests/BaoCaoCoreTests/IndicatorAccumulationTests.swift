import Foundation
import Testing
import Yams
@testable import BaoCaoCore

/// How an indicator accumulates over the periods of a year (issue 21, item 13): the
/// sample catalog says for each figure whether it is a flow, a stock or an average, and
/// lũy kế follows it — a herd is never the sum of the months it was counted in.
@Suite("Indicator accumulation")
struct IndicatorAccumulationTests {
    static func sampleCatalog() throws -> Catalog {
        try YAMLDecoder().decode(Catalog.self, from: PersonnelFixtures.text("Config/catalog/kinh-te-xa-hoi.yaml")).validated()
    }

    private func values(_ figures: [String: String]) throws -> [ValueKey: ExactDecimal] {
        Dictionary(uniqueKeysWithValues: try figures.map { (try ValueKey(parsing: $0.key), try ExactDecimal(canonical: $0.value)) })
    }

    /// A stock's year to date is the latest month's value, not the sum: the buffalo herd
    /// (NN08) counted in September, October and November is November's herd; a flow (the
    /// budget revenue NS01) adds up. Quarters follow the same rule.
    @Test func stock_yearToDate_isTheLatestPeriod_flow_isTheSum() throws {
        let catalog = try Self.sampleCatalog()
        #expect(catalog.indicator(code: "NN08")?.measure == .stock)
        #expect(catalog.indicator(code: "LD04")?.measure == .stock)   // households in poverty: counted at the review, not summed
        let consolidation = Consolidation(catalog: catalog, form: try #require(catalog.form(code: "KTXH-THANG")))
        let year = try consolidation.yearToDate([
            values(["NN08": "1200", "NS01": "10.5"]),
            values(["NN08": "1180", "NS01": "20"]),
            values(["NN08": "1210", "NS01": "30.25"]),
        ])
        #expect(year[ValueKey("NN08")] == ExactDecimal(1210))          // not 3590
        #expect(year[ValueKey("NS01")] == (try ExactDecimal(canonical: "60.75")))

        let quarterly = Consolidation(catalog: catalog, form: try #require(catalog.form(code: "KTXH-QUY")))
        // DT01 (disbursed so far this year) is already cumulative: Q3's lũy kế is Q3's figure.
        let quarters = try quarterly.yearToDate([values(["DT01": "100", "DT02": "1000"]), values(["DT01": "250", "DT02": "1000"]), values(["DT01": "600", "DT02": "1000"])])
        #expect(quarters[ValueKey("DT01")] == ExactDecimal(600))
        #expect(quarters[ValueKey("DT03")] == (try ExactDecimal(canonical: "60.00")))   // 600 / 1000 × 100, from the latest figures
    }

    /// An average is weighted by its declared weight: the paddy price NN07 over the months
    /// is Σ(price × output NN03) ÷ Σ(output), not the mean of the monthly prices; the rice
    /// retail price TM02 (averaged without a weight) weighs each month the same.
    @Test func average_yearToDate_isWeightedByItsDeclaredWeight() throws {
        let catalog = try Self.sampleCatalog()
        #expect(catalog.indicator(code: "NN07")?.measure == .average)
        let consolidation = Consolidation(catalog: catalog, form: try #require(catalog.form(code: "KTXH-THANG")))
        let year = try consolidation.yearToDate([
            values(["NN07": "7000", "NN03": "100.0", "TM02": "15000"]),
            values(["NN07": "8000", "NN03": "300.0", "TM02": "16000"]),
        ])
        #expect(year[ValueKey("NN07")] == ExactDecimal(7750))           // (7000×100 + 8000×300) / 400, not 7500
        #expect(year[ValueKey("TM02")] == ExactDecimal(15500))
    }

    /// The consolidated table shows the stock's lũy kế and compares the level with the plan.
    @Test func rows_showTheStocksYearToDate() throws {
        let catalog = try Self.sampleCatalog()
        let consolidation = Consolidation(catalog: catalog, form: try #require(catalog.form(code: "KTXH-THANG")))
        let periods = [try values(["NN09": "500"]), try values(["NN09": "520"])]
        let rows = consolidation.rows(current: periods[1], yearToDate: try consolidation.yearToDate(periods), lastYear: [:], plans: ["NN09": 650])
        let cattle = try #require(rows.first { $0.key == ValueKey("NN09") })
        #expect(cattle.yearToDate == ExactDecimal(520))
        #expect(cattle.versusPlan == (try ExactDecimal(canonical: "80.0")))
    }

    /// A catalog that calls a summed figure an average is refused, naming it.
    @Test func averageMeasure_needsAnAveragingRule() throws {
        var catalog = try Self.sampleCatalog()
        let index = try #require(catalog.indicators.firstIndex { $0.code == "NS01" })
        catalog.indicators[index].measure = .average
        let problems = catalog.problems()
        #expect(problems.contains { $0.message.contains("NS01") && $0.message.contains("bình quân") })
    }
}
