import BaoCaoCore
@testable import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

/// The figures of the new map's units across the 2025 reform: every expected figure is
/// computed here from the succession table's rows (``ReformFixture/rows``) and the reports
/// stored under the former codes, never by the code under test.
@Suite("Carried figures across the reform")
struct CarriedFiguresServiceTests {
    typealias R = ReformFixture
    let store: NodeStore

    init() throws {
        store = try R.store()
    }

    private func service(_ home: UnitCode) -> ConsolidationService { ConsolidationService(store: store, home: home) }

    private func row(_ view: ConsolidatedView, _ key: String) -> ConsolidatedRow? {
        view.rows.first { $0.key.description == key }
    }

    /// The former units whose figures go wholly into `successor`, by the table.
    private func wholePredecessors(of successor: UnitCode) -> [UnitCode] {
        R.rows.filter { $0.successor == successor && $0.share == .whole }.map(\.former)
    }

    /// Two former communes' March 2025, and the merged commune's own March 2026.
    private let march2025: [UnitCode: [String: String]] = [
        "04801": ["NS01": "120.125", "LD01": "7", "LD02": "310", "NN02": "40.0", "NN03": "230.0", "NN07": "7100"],
        "04802": ["NS01": "80.5", "LD01": "19", "LD02": "205", "NN02": "55.5", "NN03": "301.0", "NN07": "6900"],
    ]

    /// Cùng kỳ of March 2026 at the merged commune is the sum of its predecessors' March
    /// 2025, and the comparison is exact (no note).
    @Test func mergedCommune_samePeriodLastYear_isTheSumOfItsPredecessors() throws {
        for (unit, values) in march2025 { try Fixtures.report(store, unit, "2025-03", values) }
        try Fixtures.report(store, "04790", "2026-03", state: .sent, ["NS01": "250", "LD01": "20", "LD02": "520"])
        let view = try service("04790").view(regime: "KTXH-THANG", period: "2026-03", by: Fixtures.reader)
        let predecessors = wholePredecessors(of: "04790")
        #expect(Set(predecessors) == ["04801", "04802"])
        let expected = R.sum(predecessors.compactMap { march2025[$0]?["NS01"] })
        let ns = try #require(row(view, "NS01"))
        #expect(ns.value == R.decimal("250"))
        #expect(ns.samePeriodLastYear == expected)                                 // 200.625
        #expect(ns.versusLastYear == (try R.decimal("250").multiplied(by: 100).divided(by: expected).rounded(toDecimals: 1)))
        #expect(ns.comparisons[.samePeriodLastYear]?.isComparable == true)
        #expect(ns.comparisons[.samePeriodLastYear]?.vietnameseText() == nil)
        #expect(view.inexactColumns.isEmpty)
        #expect(view.history?.figures.counted == ["04801", "04802"])
        // Nothing signed before the reform is touched: the originals stay under their codes.
        let originals = try store.latestReports(regime: "KTXH-THANG", periods: ["2025-03"], states: [.accepted])
        #expect(Set(originals.map(\.header.unitCode)) == ["04801", "04802"])
    }

    /// A ratio, a weighted average and a formula are recomputed from the carried
    /// components, never summed.
    @Test func ratioWeightedAverageAndFormula_areRecomputedFromCarriedComponents() throws {
        for (unit, values) in march2025 { try Fixtures.report(store, unit, "2025-03", values) }
        let a = try #require(march2025["04801"]), b = try #require(march2025["04802"])
        func d(_ v: [String: String], _ k: String) -> ExactDecimal { R.decimal(v[k]!) }
        let view = try service("04790").view(regime: "KTXH-THANG", period: "2025-03", by: Fixtures.reader)
        // Tỷ lệ hộ nghèo: (7 + 19) / (310 + 205) × 100 = 5.048… → 5.05, not 5.03 + 9.27.
        let poor = try d(a, "LD01").adding(d(b, "LD01")).multiplied(by: 100).divided(by: d(a, "LD02").adding(d(b, "LD02"))).rounded(toDecimals: 2)
        #expect(row(view, "LD03")?.value == poor)
        let summedRatios = try d(a, "LD01").multiplied(by: 100).divided(by: d(a, "LD02")).rounded(toDecimals: 2)
            .adding(d(b, "LD01").multiplied(by: 100).divided(by: d(b, "LD02")).rounded(toDecimals: 2))
        #expect(row(view, "LD03")?.value != summedRatios)
        // Giá lúa bình quân weighted by the harvest.
        let price = try d(a, "NN07").multiplied(by: d(a, "NN03")).adding(d(b, "NN07").multiplied(by: d(b, "NN03")))
            .divided(by: d(a, "NN03").adding(d(b, "NN03"))).rounded(toDecimals: 0)
        #expect(row(view, "NN07")?.value == price)
        // Năng suất = sản lượng / diện tích × 10 over the carried sums.
        let yield = try d(a, "NN03").adding(d(b, "NN03")).divided(by: d(a, "NN02").adding(d(b, "NN02"))).multiplied(by: 10).rounded(toDecimals: 2)
        #expect(row(view, "NN04")?.value == yield)
        // Before the reform the view's contributors are the former units and their reports.
        #expect(view.contributors.map(\.unitCode) == ["04801", "04802"])
        #expect(view.contributorValues["04802"]?[ValueKey("NS01")] == R.decimal("80.5"))
        #expect(view.notCounted.isEmpty)
    }

    /// Lũy kế of December 2025 adds the predecessors' January–June to the commune's own
    /// July–December; a former unit's report for a month after the reform is not history.
    @Test func yearToDate2025_addsPredecessorsJanuaryToJune_toOwnJulyToDecember() throws {
        var texts: [String] = []
        for month in 1...6 {
            let period = try Period(parsing: String(format: "2025-%02d", month))
            for (unit, base) in [("04801", 10), ("04802", 1)] as [(UnitCode, Int)] {
                let text = "\(base * month).25"
                try Fixtures.report(store, unit, period, ["NS01": text])
                texts.append(text)
            }
        }
        for month in 7...12 {
            let text = "\(100 + month)"
            try Fixtures.report(store, "04790", try Period(parsing: String(format: "2025-%02d", month)), state: .sent, ["NS01": text])
            texts.append(text)
        }
        try Fixtures.report(store, "04801", "2025-08", ["NS01": "99999"])   // an old code after the reform: not this commune's history
        let view = try service("04790").view(regime: "KTXH-THANG", period: "2025-12", by: Fixtures.reader)
        let ns = try #require(row(view, "NS01"))
        #expect(ns.value == R.decimal("112"))
        #expect(ns.yearToDate == R.sum(texts))
        #expect(ns.comparisons[.yearToDate]?.isComparable == true)
        // Carried: January–June for lũy kế, and December 2024 for cùng kỳ.
        #expect(view.carried.keys.sorted() == ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"])
    }

    /// A divided commune: the piece that took its seat gets the indicators the catalog lets
    /// follow the seat, and "không so sánh được" for the others; the other piece is marked
    /// not comparable and gets none of the figure.
    @Test func dividedCommune_defaultPieceAttributed_otherPieceNotComparable() throws {
        let old = ["NS01": "64.5", "LD01": "11", "LD02": "150"]
        try Fixtures.report(store, "04804", "2025-03", old)
        try Fixtures.report(store, "04806", "2026-03", state: .sent, ["NS01": "70", "LD01": "8", "LD02": "100"])
        try Fixtures.report(store, "04807", "2026-03", state: .sent, ["NS01": "5", "LD01": "4", "LD02": "60"])
        let seat = try #require(R.rows.first { $0.former == "04804" && $0.isDefault }).successor
        #expect(seat == "04806")
        let attributable = Set(R.catalog.indicators.filter { $0.carriesToDefaultPiece == true }.map(\.code))
        #expect(attributable == ["NS01"])

        let atSeat = try service(seat).view(regime: "KTXH-THANG", period: "2026-03", by: Fixtures.reader)
        let ns = try #require(row(atSeat, "NS01"))
        #expect(ns.samePeriodLastYear == R.decimal(old["NS01"]!))
        #expect(ns.comparisons[.samePeriodLastYear]?.note == .attributed(divided: ["04804"]))
        #expect(ns.comparisons[.samePeriodLastYear]?.isComparable == true)
        let poor = try #require(row(atSeat, "LD01"))
        #expect(poor.samePeriodLastYear == nil)
        #expect(poor.comparisons[.samePeriodLastYear]?.vietnameseText(formerName: R.succession.formerLabel)
                == "không so sánh được: đơn vị Xã Bốn (04804) bị chia, số liệu không tách được theo phần")
        #expect(row(atSeat, "LD03")?.comparisons[.samePeriodLastYear]?.isComparable == false)   // reads LD01
        #expect(atSeat.inexactColumns == [.samePeriodLastYear])
        #expect(atSeat.exactColumns.contains(.value))

        let other = try service("04807").view(regime: "KTXH-THANG", period: "2026-03", by: Fixtures.reader)
        for key in ["NS01", "LD01", "LD02"] {
            let r = try #require(row(other, key))
            #expect(r.samePeriodLastYear == nil)
            #expect(r.comparisons[.samePeriodLastYear]?.note == .notComparable(divided: ["04804"]))
        }
    }

    /// The new province continues 17, 25 and 26; only 17's communes' history is held: last
    /// year's figure is their sum, marked partial naming the two missing provinces.
    @Test func province_withOnlyOneFormerProvincesHistory_isPartialNamingTheMissing() throws {
        let held: [UnitCode: String] = ["04801": "10.5", "04802": "20.25", "04804": "3"]
        for (unit, text) in held { try Fixtures.report(store, unit, "2025-03", ["NS01": text]) }
        try Fixtures.report(store, "04790", "2026-03", ["NS01": "40"])
        let predecessors = R.rows.filter { $0.successor == "25" && $0.share == .whole }.map(\.former)
        #expect(predecessors == ["17", "25", "26"])
        let view = try service("25").view(regime: "KTXH-THANG", period: "2026-03", by: Fixtures.reader)
        let ns = try #require(row(view, "NS01"))
        #expect(ns.value == R.decimal("40"))
        #expect(ns.samePeriodLastYear == R.sum(Array(held.values)))
        let comparison = try #require(ns.comparisons[.samePeriodLastYear])
        #expect(comparison.missing == ["25", "26"])
        #expect(comparison.vietnameseText(formerName: view.formerLabel)
                == "chưa đủ: thiếu số liệu của 2 đơn vị trước sắp xếp (Tỉnh Phú Thọ (25), Tỉnh Vĩnh Phúc (26))")
        #expect(view.inexactColumns == [.samePeriodLastYear])
        #expect(view.history?.figures.counted == ["04801", "04802", "04804"])
    }

    /// Drill-down before the reform: a unit of the new map shows its carried figures, a
    /// former unit its own original signed report.
    @Test func drillDown_beforeTheReform_carriedOrOriginal() throws {
        try Fixtures.report(store, "04801", "2025-03", bundle: "sha256-goc-04801", ["NS01": "1.5"])
        try Fixtures.report(store, "04802", "2025-03", ["NS01": "2.25"])
        let carried = try service("25").drillDown(regime: "KTXH-THANG", period: "2025-03", unit: "04790", by: Fixtures.reader)
        #expect(carried.report == nil)
        #expect(carried.values[ValueKey("NS01")] == R.sum(["1.5", "2.25"]))
        #expect(carried.carried?.reports["04801"]?.bundleId == "sha256-goc-04801")
        let original = try service("25").drillDown(regime: "KTXH-THANG", period: "2025-03", unit: "04801", by: Fixtures.reader)
        #expect(original.unit.name == "Xã Một")
        #expect(original.report?.bundleId == "sha256-goc-04801")
        #expect(original.values[ValueKey("NS01")] == R.decimal("1.5"))
        let foreign = #expect(throws: ServiceError.self) {
            try service("04806").drillDown(regime: "KTXH-THANG", period: "2025-03", unit: "04801", by: Fixtures.reader)
        }
        #expect(foreign?.message == "Đơn vị Xã Một (04801) không thuộc phạm vi của đơn vị này.")
    }

    /// Completeness of a 2025 period at the new province is judged over the former units
    /// expected then (the old district, with its original deadline), not the new communes.
    @Test func completenessBeforeTheReform_isListedByFormerUnits() throws {
        let completeness = CompletenessService(store: store, home: "25")
        try Fixtures.report(store, "148", "2025-03", receivedAt: Fixtures.instant("2025-03-18T03:00:00Z"), ["NS01": "1"])
        let now = Fixtures.instant("2026-05-01T00:00:00Z")
        let before = try completeness.completeness(regime: "KTXH-THANG", period: "2025-03", by: Fixtures.reader, now: now)
        // Regime KTXH-THANG: communes and districts report to their parent. On the old map
        // only district 148 reported to 17; 25 and 26 had no former child named.
        let expectedThen = R.formerUnits.filter { $0.parentCode == "17" && [.commune, .district].contains($0.kind) }.map(\.code)
        #expect(before.units.map(\.unit.code) == expectedThen)
        #expect(before.units.first?.deadline?.dueDate == (try CivilDate(year: 2025, month: 3, day: 18)))   // the district's day 18 (a commune's would be the 17th, the 16th being a Sunday)
        #expect(before.units.first?.timeliness == .onTime)
        let after = try completeness.completeness(regime: "KTXH-THANG", period: "2026-03", by: Fixtures.reader, now: now)
        #expect(after.units.map(\.unit.code) == ["04790", "04806", "04807"])
        let ranking = try completeness.ranking(year: 2025, by: Fixtures.reader, now: now)
        #expect(Set(ranking.map(\.unit.code)) == ["148", "04790", "04806", "04807"])
        #expect(ranking.first { $0.unit.code == "148" }?.due == 6)
        // Until the grace date the former district's missing months are overdue here; after it, no longer.
        let inGrace = try completeness.overdue(by: Fixtures.reader, now: Fixtures.instant("2025-09-01T00:00:00Z"))
        #expect(inGrace.filter { $0.unit.code == "148" && $0.period.year == 2025 }.map(\.period) == ["2025-01", "2025-02", "2025-04", "2025-05", "2025-06"])
        let afterGrace = try completeness.overdue(by: Fixtures.reader, now: Fixtures.instant("2025-10-01T00:00:00Z"))
        #expect(!afterGrace.contains { $0.unit.code == "148" })
        #expect(afterGrace.contains { $0.unit.code == "04790" && $0.period == "2025-07" })
    }
}
