import Mustache
import Testing

@testable import BaoCaoWeb

/// A view read by name (``TemplateFields``) renders exactly as swift-mustache renders the same
/// value read through `Mirror`: stored properties only, optionals unwrapped one level, `nil`
/// as absent, and a name the value lacks looked up in the enclosing sections.
struct TemplateFieldsTests {
    struct Row: TemplateFields {
        let code: String
        let note: String?
        let count: Int
    }

    struct Page: TemplateFields {
        let title: String
        let rows: [Row]
        let flag: Bool
        let empty: [Row]
        let missing: String?
        let nested: Int??
        var computed: String { "tính ra" }
    }

    /// The same values, read by swift-mustache through `Mirror`.
    struct PlainRow {
        let code: String
        let note: String?
        let count: Int
    }

    struct PlainPage {
        let title: String
        let rows: [PlainRow]
        let flag: Bool
        let empty: [PlainRow]
        let missing: String?
        let nested: Int??
        var computed: String { "tính ra" }
    }

    static let template = """
        <h1>{{title}}</h1>{{#rows}}<p>{{code}} {{note}}{{^note}}(không){{/note}} {{count}} {{title}} {{flag}}</p>{{/rows}}\
        {{#flag}}có{{/flag}}{{^empty}}trống{{/empty}}{{#missing}}lạ{{/missing}}{{^missing}}vắng{{/missing}}\
        [{{nested}}][{{computed}}][{{nothing}}][{{rows.0.code}}]{{#title}}<{{.}}>{{/title}}
        """

    @Test func rendersAsMirrorReadingDoes() throws {
        let template = try MustacheTemplate(string: Self.template)
        let page = Page(title: "Báo cáo <tháng>", rows: [Row(code: "CT01", note: "ghi chú", count: 3), Row(code: "CT02", note: nil, count: 0)],
                        flag: true, empty: [], missing: nil, nested: .some(.some(7)))
        let plain = PlainPage(title: page.title, rows: page.rows.map { PlainRow(code: $0.code, note: $0.note, count: $0.count) },
                              flag: page.flag, empty: [], missing: nil, nested: page.nested)
        let rendered = template.render(page)
        #expect(rendered == template.render(plain))
        #expect(rendered.contains("<p>CT01 ghi chú 3 Báo cáo &lt;tháng&gt; true</p><p>CT02 (không) 0 Báo cáo &lt;tháng&gt; true</p>"))
        #expect(rendered.contains("cótrốngvắng"))
        #expect(rendered.contains("[][]"), "a computed property and an unknown name read as absent: \(rendered)")
    }

    /// A value rendered again after another of its type reads its own fields, and a second type
    /// with the same names in another order reads its own too.
    @Test func eachTypeAndValueReadsItsOwnFields() throws {
        struct Other: TemplateFields {
            let count: Int
            let code: String
        }
        let template = try MustacheTemplate(string: "{{code}}={{count}}")
        #expect(template.render(Row(code: "A", note: nil, count: 1)) == "A=1")
        #expect(template.render(Row(code: "B", note: "x", count: 2)) == "B=2")
        #expect(template.render(Other(count: 9, code: "C")) == "C=9")
    }
}
