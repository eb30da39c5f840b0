import BaoCaoCore
import BaoCaoExchange
import Testing

/// The form as a sheet (Excel, print) marks a figure required only for the reporter kinds
/// that must give it (issue 21 item 14: the monthly form is reported by communes and by
/// departments, which do not report every indicator).
@Suite("Form sheet: required by the reporter's kind")
struct FormSheetRequiredTests {
    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN01", name: "Diện tích lúa gieo cấy", unitOfMeasure: "ha", valueType: .decimal, decimals: 1, required: true),
            Indicator(code: "TC01", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 3, required: true),
        ],
        forms: [Form(code: "F1", title: "Biểu tháng", sections: [
            .init(code: "A", title: "Nông nghiệp", rows: ["NN01"], requiredFor: [.commune, .district]),
            .init(code: "B", title: "Tài chính", rows: ["TC01"]),
        ])])

    @Test func requiredMarker_followsTheReportersKind() {
        let form = Self.catalog.forms[0]
        func required(_ kind: UnitKind?) -> [String] {
            FormSheet(form: form, catalog: Self.catalog, reporter: kind).figures.filter(\.required).map(\.key.indicator)
        }
        #expect(required(.commune) == ["NN01", "TC01"])
        #expect(required(.department) == ["TC01"])
        #expect(required(nil) == ["NN01", "TC01"])
    }
}
