import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation

/// A commune node (04801) whose form has a breakdown by sex (DS01[GT=NAM], DS01[GT=NU]),
/// for the ADX tests; the clerk fills it, the same unit's fresh node reads it back.
final class AdxFixture: @unchecked Sendable {
    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN02", name: "Diện tích lúa thu hoạch", unitOfMeasure: "ha", valueType: .decimal, decimals: 3, required: true),
            Indicator(code: "NN03", name: "Sản lượng lúa", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1, min: ExactDecimal(0)),
            Indicator(code: "NN04", name: "Năng suất lúa", unitOfMeasure: "tạ/ha", valueType: .decimal, decimals: 1, formula: "NN03 / NN02 * 10"),
            Indicator(code: "DS01", name: "Dân số", unitOfMeasure: "người", valueType: .integer, dimensions: ["GT"]),
            Indicator(code: "GC01", name: "Ghi chú tình hình", unitOfMeasure: "", valueType: .text),
        ],
        dimensions: [Dimension(code: "GT", name: "Giới tính", members: [.init(code: "NAM", name: "Nam"), .init(code: "NU", name: "Nữ")])],
        forms: [Form(code: "KTXH", title: "Báo cáo kinh tế – xã hội", sections: [
            .init(code: "NN", title: "Nông nghiệp", rows: ["NN02", "NN03", "NN04"]),
            .init(code: "DS", title: "Dân số", rows: ["DS01", "GC01"]),
        ])],
        regimes: [Regime(code: "KTXH-THANG", name: "Báo cáo tình hình kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16)],
                         reporters: ReporterSelection(kinds: [.commune]), form: "KTXH")])

    /// The receiver's codes for everything on the form.
    static let mapping = AdxMapping(
        dataSets: ["KTXH-THANG": "DS_KTXH"],
        dataElements: ["NN02": "RICE_AREA", "NN03": "RICE_OUTPUT", "DS01": "POP"],
        orgUnits: ["04801": "OU_XM01"],
        dimensions: ["GT": "SEX"],
        members: ["GT": ["NAM": "M", "NU": "F"]],
        unmappedCodes: .refuse)

    /// The node itself: an exchange fixture with this form.
    let node: ExchangeFixture
    var directory: URL { node.directory }
    var store: NodeStore { node.store }
    var work: NodeWork { node.work }
    var clerk: StaffMember { node.clerk }

    init(home: UnitCode = "04801") throws {
        node = try ExchangeFixture(home: home, catalog: Self.catalog)
    }

    /// The November 2026 report, filled: totals, a breakdown, a computed and a text figure.
    func fillNovember() throws {
        let reports = ReportService(work: work)
        let report = try reports.create(regime: "KTXH-THANG", period: "2026-11", by: clerk, at: Date())
        _ = try reports.setValues(report: report.id!, [
            ("NN02", "1.245,125"), ("NN03", "6.100,5"), ("DS01", "3.000"), ("DS01[GT=NAM]", "1.480"), ("DS01[GT=NU]", "1.520"),
            ("GC01", "Mưa nhiều"),
        ], by: clerk, at: Date())
    }

    /// The stored values of the latest November report, by key.
    func novemberValues() throws -> [ValueKey: String] {
        let reports = ReportService(work: work)
        guard let latest = try reports.latest(regime: "KTXH-THANG", period: "2026-11") else { return [:] }
        return try reports.details(report: latest.id!, by: clerk).values.mapValues(\.text)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
