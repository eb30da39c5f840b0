import BaoCaoCore
import Foundation

/// The small form the seeds are made from: a monthly socio-economic report of five
/// figures (decimal, integer, computed, text). The exchange tests use the same form.
public enum FuzzSeedCatalog {
    public static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN02", name: "Diện tích lúa thu hoạch", unitOfMeasure: "ha", valueType: .decimal, decimals: 1, required: true),
            Indicator(code: "NN03", name: "Sản lượng lúa", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1, min: ExactDecimal(0)),
            Indicator(code: "NN04", name: "Năng suất lúa", unitOfMeasure: "tạ/ha", valueType: .decimal, decimals: 1, formula: "NN03 / NN02 * 10"),
            Indicator(code: "LD02", name: "Tổng số hộ", unitOfMeasure: "hộ", valueType: .integer),
            Indicator(code: "GC01", name: "Ghi chú tình hình", unitOfMeasure: "", valueType: .text),
        ],
        forms: [Form(code: "KTXH", title: "Báo cáo kinh tế – xã hội", sections: [
            .init(code: "NN", title: "Nông nghiệp", rows: ["NN02", "NN03", "NN04"]),
            .init(code: "LD", title: "Lao động", rows: ["LD02", "GC01"]),
        ])],
        regimes: [Regime(code: "KTXH-THANG", name: "Báo cáo tình hình kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16)],
                         reporters: ReporterSelection(kinds: [.commune]), form: "KTXH")])

    /// Figures as a commune clerk would enter them.
    static let values: [ValueKey: ReportValue] = [
        ValueKey("NN02"): ReportValue(text: "1245.5"),
        ValueKey("NN03"): ReportValue(text: "7093.2"),
        ValueKey("LD02"): ReportValue(text: "1234567"),
        ValueKey("GC01"): ReportValue(text: "Mưa lũ kéo dài, “ngập” 3 thôn; giá trị: 1.245,5"),
    ]

    /// A report of the commune for a period, revision `revision`.
    static func report(period: Period = "2026-10", revision: Int = 1, attachments: [ReportDocument.Attachment] = [],
                       values: [ValueKey: ReportValue] = values) -> ReportDocument {
        ReportDocument(regime: "KTXH-THANG", period: period, unit: "05290", revision: revision, form: "KTXH", formVersion: 1,
                       releaseVersion: 1, values: values, narrative: "Tình hình kinh tế – xã hội tháng \(period) ổn định.",
                       sectionApprovals: [.init(section: "NN", approvedBy: "truongthon", approvedAt: FuzzTrust.signingTime)],
                       approvedBy: "lanhdao", attachments: attachments)
    }
}
