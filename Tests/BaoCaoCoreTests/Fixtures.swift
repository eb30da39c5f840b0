@testable import BaoCaoCore

/// A small catalog built in code: every aggregation rule, a formula, a breakdown and a rule.
enum Fixtures {
    static func decimal(_ text: String) -> ExactDecimal { try! ExactDecimal(canonical: text) }

    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN01", name: "Diện tích gieo trồng lúa", unitOfMeasure: "ha", valueType: .decimal, decimals: 1, required: true, min: 0),
            Indicator(code: "NN02", name: "Diện tích lúa thu hoạch", unitOfMeasure: "ha", valueType: .decimal, decimals: 1, min: 0),
            Indicator(code: "NN03", name: "Sản lượng lúa", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1, min: 0),
            Indicator(code: "NN04", name: "Năng suất lúa", unitOfMeasure: "tạ/ha", valueType: .decimal, decimals: 2, formula: "NN03 / NN02 * 10"),
            Indicator(code: "NN05", name: "Giá lúa bình quân", unitOfMeasure: "đồng/kg", valueType: .decimal, decimals: 0, aggregation: .weightedAverage(by: "NN03")),
            Indicator(code: "NS01", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 3, required: true),
            Indicator(code: "LD01", name: "Số hộ nghèo", unitOfMeasure: "hộ", valueType: .integer, min: 0),
            Indicator(code: "LD02", name: "Tổng số hộ", unitOfMeasure: "hộ", valueType: .integer, min: 0),
            Indicator(code: "LD03", name: "Tỷ lệ hộ nghèo", unitOfMeasure: "%", valueType: .percent, decimals: 2,
                      aggregation: .ratio(numerator: "LD01", denominator: "LD02", factor: 100), min: 0, max: 100),
            Indicator(code: "LD04", name: "Lao động có việc làm mới", unitOfMeasure: "người", valueType: .integer, min: 0, dimensions: ["GT"]),
            Indicator(code: "TL01", name: "Lượng mưa lớn nhất", unitOfMeasure: "mm", valueType: .decimal, decimals: 1, aggregation: .max),
            Indicator(code: "TL02", name: "Mực nước hồ thấp nhất", unitOfMeasure: "m", valueType: .decimal, decimals: 2, aggregation: .min),
            Indicator(code: "GD01", name: "Số ngày học bình quân", unitOfMeasure: "ngày", valueType: .decimal, decimals: 1, aggregation: .average),
            Indicator(code: "GC01", name: "Ghi chú", unitOfMeasure: "", valueType: .text),
        ],
        dimensions: [Dimension(code: "GT", name: "Giới tính", members: [.init(code: "nam", name: "Nam"), .init(code: "nu", name: "Nữ")])],
        rules: [CrossRule(expression: "NN02 <= NN01", message: "Diện tích thu hoạch không được lớn hơn diện tích gieo trồng"),
                CrossRule(expression: "LD01 <= LD02")],
        forms: [Form(code: "KTXH", title: "Báo cáo kinh tế – xã hội", sections: [
            .init(code: "NN", title: "Nông nghiệp", rows: ["NN01", "NN02", "NN03", "NN04", "NN05"]),
            .init(code: "NS", title: "Ngân sách", rows: ["NS01"]),
            .init(code: "LD", title: "Lao động", rows: ["LD01", "LD02", "LD03", "LD04"]),
            .init(code: "KH", title: "Khác", rows: ["TL01", "TL02", "GD01", "GC01"]),
        ])],
        regimes: [Regime(code: "KTXH-THANG", name: "Báo cáo tình hình kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .district, day: 18)],
                         reporters: ReporterSelection(kinds: [.commune, .district]), form: "KTXH")]
    )

    static var form: Form { catalog.forms[0] }

    static func values(_ pairs: [String: String]) -> [ValueKey: ReportValue] {
        Dictionary(uniqueKeysWithValues: pairs.map { (try! ValueKey(parsing: $0.key), ReportValue(text: $0.value)) })
    }

    static func numbers(_ pairs: [String: String]) -> [ValueKey: ExactDecimal] {
        Dictionary(uniqueKeysWithValues: pairs.map { (try! ValueKey(parsing: $0.key), decimal($0.value)) })
    }
}
