import BaoCaoCore
@testable import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

@Suite("Consolidated view")
struct ConsolidationServiceTests {
    let store: NodeStore
    let service: ConsolidationService

    init() throws {
        store = try Fixtures.store()
        service = ConsolidationService(store: store, home: Fixtures.home)
    }

    private func row(_ view: ConsolidatedView, _ key: String) -> ConsolidatedRow? {
        view.rows.first { $0.key.description == key }
    }

    /// Every rule, exactly: sums of money keep every digit, percentages are ratios of sums,
    /// weighted averages weigh, formulas are recomputed from the consolidated totals.
    @Test func eachRule_combinesExactly() throws {
        try Fixtures.report(store, "04801", "2026-11", ["NN02": "100.0", "NN03": "560.0", "NN07": "7000", "NN08": "120",
            "NS01": "1500.125", "LD01": "12", "LD02": "300", "LD04": "10", "LD04[GT=nam]": "6", "TL01": "85.5", "TL02": "12.30",
            "GD01": "20.0", "GC01": "Mưa lớn cuối tháng"])
        try Fixtures.report(store, "04802", "2026-11", ["NN02": "80.0", "NN03": "400.0", "NN07": "7600", "NN08": "80",
            "NS01": "2499.876", "LD01": "40", "LD02": "1000", "LD04": "3", "LD04[GT=nam]": "3", "TL01": "120.0", "TL02": "11.95",
            "GD01": "21.0"])
        try Fixtures.report(store, "04803", "2026-11", ["NS01": "0.001", "LD01": "1", "LD02": "9", "GD01": "22.5"])
        let values = try service.values(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader).texts
        #expect(values["NS01"] == "4000.002")
        #expect(values["NN02"] == "180.0")
        #expect(values["NN03"] == "960.0")
        #expect(values["NN04"] == "53.33")           // recomputed: 960 / 180 × 10
        #expect(values["NN07"] == "7250")            // (7000×560 + 7600×400) / 960
        #expect(values["LD01"] == "53")
        #expect(values["LD02"] == "1309")
        #expect(values["LD03"] == "4.05")            // 53 / 1309 × 100, not the average of the three ratios (4.93)
        #expect(values["LD04"] == "13")
        #expect(values["LD04[GT=nam]"] == "9")
        #expect(values["TL01"] == "120.0")
        #expect(values["TL02"] == "11.95")
        #expect(values["GD01"] == "21.2")            // (20 + 21 + 22.5) / 3 = 21.1666…
        #expect(values["GC01"] == nil)
    }

    /// A child that did not report is left out (not counted as zero) and named.
    @Test func childThatDidNotReport_isLeftOutAndNamed() throws {
        try Fixtures.report(store, "04801", "2026-11", ["GD01": "20.0", "NS01": "1.5"])
        try Fixtures.report(store, "04802", "2026-11", ["GD01": "23.0", "NS01": "2.25"])
        let view = try service.view(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader)
        #expect(row(view, "GD01")?.value == Fixtures.decimal("21.5"))
        #expect(row(view, "NS01")?.value == Fixtures.decimal("3.75"))
        #expect(view.notCounted.map(\.code) == ["04803"])
        #expect(view.contributors.map(\.unitCode) == ["04801", "04802"])
        // Each contributor's own figures, as combined (what the chart by unit draws).
        #expect(view.contributorValues["04802"]?[ValueKey("NS01")] == Fixtures.decimal("2.25"))
        #expect(view.contributorValues["04803"] == nil)
    }

    /// The latest accepted revision counts; a newer one replaces it, a returned or merely
    /// received one does not — except in the provisional view, which counts received ones.
    @Test func latestAcceptedRevision_andProvisional() throws {
        try Fixtures.report(store, "04801", "2026-11", revision: 1, state: .accepted, ["NS01": "100"])
        try Fixtures.report(store, "04801", "2026-11", revision: 2, state: .accepted, ["NS01": "150"])
        try Fixtures.report(store, "04801", "2026-11", revision: 3, state: .returned, ["NS01": "170"])
        try Fixtures.report(store, "04801", "2026-11", revision: 4, state: .received, ["NS01": "180"])
        try Fixtures.report(store, "04802", "2026-11", revision: 1, state: .received, ["NS01": "7"])
        try Fixtures.report(store, "04803", "2026-11", revision: 1, state: .returned, ["NS01": "1000"])
        #expect(try service.values(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader).texts["NS01"] == "150")
        #expect(try service.values(regime: "KTXH-THANG", period: "2026-11", provisional: true, by: Fixtures.reader).texts["NS01"] == "187")
        let view = try service.view(regime: "KTXH-THANG", period: "2026-11", provisional: true, by: Fixtures.reader)
        #expect(view.provisional)
        #expect(view.contributors.map { "\($0.unitCode)/\($0.revision)" } == ["04801/4", "04802/1"])
    }

    /// Reports of units that are not this node's reporters (another district's commune,
    /// the province) never enter its figures.
    @Test func onlyOwnReportersCount() throws {
        try Fixtures.report(store, "04801", "2026-11", ["NS01": "5"])
        try Fixtures.report(store, "04901", "2026-11", ["NS01": "500"])
        try Fixtures.report(store, "17", "2026-11", ["NS01": "9000"])
        #expect(try service.values(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader).texts["NS01"] == "5")
    }

    /// Lũy kế adds up flows over the year's months so far (a stock's is its latest month), a ratio of flows is
    /// the ratio of the year's sums, and cùng kỳ compares with the same month last year.
    @Test func yearToDate_andSamePeriodLastYear() throws {
        for (period, a, b): (Period, String, String) in [("2026-09", "10.5", "1"), ("2026-10", "20", "2"), ("2026-11", "30.25", "3"), ("2026-12", "1000", "1000")] {
            try Fixtures.report(store, "04801", period, ["NS01": a, "NN08": "100", "LD01": "1", "LD02": "10"])
            try Fixtures.report(store, "04802", period, ["NS01": b, "NN08": "50", "LD01": "2", "LD02": "40"])
        }
        try Fixtures.report(store, "04801", "2025-11", ["NS01": "20", "NN08": "90", "LD01": "1", "LD02": "10"])
        try Fixtures.report(store, "04802", "2025-11", ["NS01": "2", "NN08": "60", "LD01": "1", "LD02": "40"])
        try Fixtures.report(store, "04801", "2025-10", ["NS01": "999999"])   // last year's other months are not this year's lũy kế
        let view = try service.view(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader)
        let ns = try #require(row(view, "NS01"))
        #expect(ns.value == Fixtures.decimal("33.25"))
        #expect(ns.yearToDate == Fixtures.decimal("66.75"))         // 11.5 + 22 + 33.25; December is later
        #expect(ns.samePeriodLastYear == Fixtures.decimal("22"))
        #expect(ns.versusLastYear == Fixtures.decimal("151.1"))     // 33.25 / 22 × 100 = 151.136…
        let herd = try #require(row(view, "NN08"))
        #expect(herd.value == Fixtures.decimal("150"))
        #expect(herd.yearToDate == Fixtures.decimal("150"))         // a stock's lũy kế is November's herd, not 450
        #expect(herd.versusLastYear == Fixtures.decimal("100.0"))
        let poor = try #require(row(view, "LD03"))
        #expect(poor.value == Fixtures.decimal("6.00"))             // 3 / 50
        #expect(poor.yearToDate == Fixtures.decimal("6.00"))        // 9 / 150
        #expect(poor.samePeriodLastYear == Fixtures.decimal("4.00"))
    }

    /// So với kế hoạch: the year so far against the year's plan for flows, the level
    /// against the plan for stocks; the plan of the node's own unit only.
    @Test func planColumn() throws {
        try Fixtures.report(store, "04801", "2026-10", ["NS01": "1234.5"])
        try Fixtures.report(store, "04801", "2026-11", ["NS01": "765.5", "NN08": "400"])
        let view = try service.view(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader)
        let ns = try #require(row(view, "NS01"))
        #expect(ns.plan == Fixtures.decimal("10000"))
        #expect(ns.versusPlan == Fixtures.decimal("20.0"))           // 2000 / 10000
        #expect(row(view, "NN08")?.versusPlan == Fixtures.decimal("80.0"))  // 400 / 500
        #expect(row(view, "LD01")?.plan == nil)
    }

    /// The node's own report adds the figures only it gives; the children's figures win.
    @Test func ownValues_addWhatChildrenDoNotGive() throws {
        try Fixtures.report(store, "04801", "2026-11", ["NS01": "5"])
        try Fixtures.report(store, "148", "2026-11", state: .draft, ["NS01": "77", "HC01": "12"])
        let values = try service.values(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader).texts
        #expect(values["NS01"] == "5")
        #expect(values["HC01"] == "12")
        #expect(try service.view(regime: "KTXH-THANG", period: "2026-11", by: Fixtures.reader).includesOwnValues)
    }

    /// Drill-down reaches any descendant's figures with the bundle they came in.
    @Test func drillDown_tracesTheBundle() throws {
        try Fixtures.report(store, "04802", "2026-11", revision: 1, bundle: "sha256-aaa", ["NS01": "5", "GC01": "chữ"])
        try Fixtures.report(store, "04802", "2026-11", revision: 2, bundle: "sha256-bbb", ["NS01": "6"])
        let drill = try service.drillDown(regime: "KTXH-THANG", period: "2026-11", unit: "04802", by: Fixtures.reader)
        #expect(drill.report?.bundleId == "sha256-bbb")
        #expect(drill.report?.revision == 2)
        #expect(drill.values.texts == ["NS01": "6"])
        let empty = try service.drillDown(regime: "KTXH-THANG", period: "2026-11", unit: "04803", by: Fixtures.reader)
        #expect(empty.report == nil)
        let outside = #expect(throws: ServiceError.self) {
            try service.drillDown(regime: "KTXH-THANG", period: "2026-11", unit: "04901", by: Fixtures.reader)
        }
        #expect(outside?.code == .invalidInput)
        #expect(outside?.message == "Đơn vị Xã Khác (04901) không thuộc phạm vi của đơn vị này.")
    }

    /// The own report to the parent is pre-filled from the consolidated values, computed
    /// indicators left out.
    /// Figures are shown to signed-in staff only: a caller holding no role is refused.
    @Test func callerWithoutRole_isRefused() throws {
        let forbidden = ServiceError(.forbidden, message: "", log: "")
        #expect(throws: forbidden) { try service.view(regime: "KTXH-THANG", period: "2026-11", by: .node) }
        #expect(throws: forbidden) { try service.values(regime: "KTXH-THANG", period: "2026-11", by: .node) }
        #expect(throws: forbidden) { try service.drillDown(regime: "KTXH-THANG", period: "2026-11", unit: "04802", by: .node) }
    }

    @Test func prefilledOwnReport() throws {
        try Fixtures.report(store, "04801", "2026-11", ["NN02": "10.0", "NN03": "50.0", "NS01": "1.5"])
        try Fixtures.report(store, "04802", "2026-11", ["NN02": "20.0", "NN03": "70.0", "NS01": "2"])
        let prefilled = try service.prefilledOwnReport(regime: "KTXH-THANG", period: "2026-11")
        #expect(prefilled[ValueKey("NS01")]?.text == "3.5")
        #expect(prefilled[ValueKey("NN03")]?.text == "120.0")
        #expect(prefilled[ValueKey("NN04")] == nil)
    }

    @Test func unknownRegimeOrWrongPeriod_refused() throws {
        let unknown = #expect(throws: ServiceError.self) { try service.view(regime: "KHONG-CO", period: "2026-11", by: Fixtures.reader) }
        #expect(unknown?.code == .notFound)
        #expect(unknown?.message == "Không có chế độ báo cáo mã KHONG-CO.")
        let quarter = #expect(throws: ServiceError.self) { try service.view(regime: "KTXH-THANG", period: "2026-Q4", by: Fixtures.reader) }
        #expect(quarter?.code == .invalidInput)
        #expect(quarter?.message == "Kỳ 2026-Q4 không phải kỳ báo cáo của chế độ KTXH-THANG.")
    }
}
