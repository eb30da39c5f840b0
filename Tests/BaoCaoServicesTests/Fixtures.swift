import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// A district (148) of three communes with a monthly regime whose form carries every
/// aggregation rule, a formula, a stock and a breakdown.
enum Fixtures {
    static let home: UnitCode = "148"
    /// A signed-in viewer: the least role that reads figures.
    static let reader = StaffMember(userId: 1, login: "xem", displayName: "Người xem", roles: [.viewer])
    static let communes: [UnitCode] = ["04801", "04802", "04803"]

    static func decimal(_ text: String) -> ExactDecimal { try! ExactDecimal(canonical: text) }

    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "04802", name: "Xã Hai", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "04803", name: "Xã Ba", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "149", name: "Huyện Khác", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04901", name: "Xã Khác", kind: .commune, parentCode: "149"),
    ])

    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN02", name: "Diện tích lúa thu hoạch", unitOfMeasure: "ha", valueType: .decimal, decimals: 1),
            Indicator(code: "NN03", name: "Sản lượng lúa", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1),
            Indicator(code: "NN04", name: "Năng suất lúa", unitOfMeasure: "tạ/ha", valueType: .decimal, decimals: 2, formula: "NN03 / NN02 * 10"),
            Indicator(code: "NN07", name: "Giá lúa bình quân", unitOfMeasure: "đồng/kg", valueType: .integer, aggregation: .weightedAverage(by: "NN03")),
            Indicator(code: "NN08", name: "Tổng đàn trâu", unitOfMeasure: "con", valueType: .integer, measure: .stock),
            Indicator(code: "NS01", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 3),
            Indicator(code: "LD01", name: "Số hộ nghèo", unitOfMeasure: "hộ", valueType: .integer),
            Indicator(code: "LD02", name: "Tổng số hộ", unitOfMeasure: "hộ", valueType: .integer),
            Indicator(code: "LD03", name: "Tỷ lệ hộ nghèo", unitOfMeasure: "%", valueType: .percent, decimals: 2,
                      aggregation: .ratio(numerator: "LD01", denominator: "LD02", factor: 100)),
            Indicator(code: "LD04", name: "Lao động có việc làm mới", unitOfMeasure: "người", valueType: .integer, dimensions: ["GT"]),
            Indicator(code: "TL01", name: "Lượng mưa lớn nhất", unitOfMeasure: "mm", valueType: .decimal, decimals: 1, aggregation: .max),
            Indicator(code: "TL02", name: "Mực nước hồ thấp nhất", unitOfMeasure: "m", valueType: .decimal, decimals: 2, aggregation: .min),
            Indicator(code: "GD01", name: "Số ngày học bình quân", unitOfMeasure: "ngày", valueType: .decimal, decimals: 1, aggregation: .average),
            Indicator(code: "HC01", name: "Số văn bản của huyện", unitOfMeasure: "văn bản", valueType: .integer),
            Indicator(code: "GC01", name: "Ghi chú", unitOfMeasure: "", valueType: .text),
        ],
        dimensions: [Dimension(code: "GT", name: "Giới tính", members: [.init(code: "nam", name: "Nam"), .init(code: "nu", name: "Nữ")])],
        forms: [Form(code: "KTXH", title: "Báo cáo kinh tế – xã hội", sections: [
            .init(code: "NN", title: "Nông nghiệp", rows: ["NN02", "NN03", "NN04", "NN07", "NN08"]),
            .init(code: "NS", title: "Ngân sách", rows: ["NS01"]),
            .init(code: "LD", title: "Lao động", rows: ["LD01", "LD02", "LD03", "LD04"]),
            .init(code: "KH", title: "Khác", rows: ["TL01", "TL02", "GD01", "HC01", "GC01"]),
        ])],
        regimes: [Regime(code: "KTXH-THANG", name: "Báo cáo tình hình kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .district, day: 18)],
                         reporters: ReporterSelection(kinds: [.commune, .district]), form: "KTXH")],
        plans: [PlanTarget(unit: "148", year: 2026, indicator: "NS01", value: 10_000),
                PlanTarget(unit: "148", year: 2026, indicator: "NN08", value: 500),
                PlanTarget(unit: "04801", year: 2026, indicator: "NS01", value: 1)]
    )

    static func store() throws -> NodeStore {
        let store = try NodeStore.inMemory()
        try store.replaceTopology(topology)
        try store.replaceCatalog(catalog)
        return store
    }

    /// Writes one revision of a unit's report.
    @discardableResult
    static func report(_ store: NodeStore, _ unit: UnitCode, _ period: Period, revision: Int = 1, state: ReportState = .accepted,
                       signedAt: Date? = nil, receivedAt: Date? = nil, bundle: String? = nil,
                       _ values: [String: String]) throws -> Int64 {
        let entered = Dictionary(uniqueKeysWithValues: try values.map { (try ValueKey(parsing: $0.key), ReportValue(text: $0.value)) })
        return try store.insertReportRevision(
            ReportHeader(regimeCode: "KTXH-THANG", period: period, unitCode: unit, revision: revision, state: state, formCode: "KTXH",
                         signedAt: signedAt, receivedAt: receivedAt, bundleId: bundle ?? "b-\(unit)-\(period)-\(revision)"),
            values: entered)
    }
}

extension Dictionary where Key == ValueKey, Value == ExactDecimal {
    /// Values by key text, as canonical strings.
    var texts: [String: String] { Dictionary<String, String>(uniqueKeysWithValues: map { ($0.key.description, $0.value.description) }) }
}
