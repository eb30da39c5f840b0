import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The report outline (đề cương) of a form, where staff write the narrative and in the
/// printed report: 000 art. 13.1 ("các biểu mẫu, đề cương báo cáo").
@Suite("Web: the report outline (đề cương) where the narrative is written and printed")
struct WebReportOutlineTests {
    static let outline: [Form.OutlineHeading] = [
        .init(title: "I. Tình hình kinh tế", guidance: "Kết quả sản xuất nông nghiệp; so sánh với cùng kỳ năm trước."),
        .init(title: "II. Văn hóa - xã hội"),
        .init(title: "III. Kiến nghị, đề xuất", guidance: "Những vấn đề vượt thẩm quyền cần cấp trên giải quyết."),
    ]

    static var catalog: Catalog {
        var catalog = WebFixture.catalog
        catalog.forms[0].outline = outline
        return catalog
    }

    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture(catalog: Self.catalog)
    }

    func storedNarrative() throws -> String? {
        try fixture.store.writer.read { try String.fetchOne($0, sql: "SELECT narrative FROM report WHERE id = 1") }
    }

    // 000 art. 13.1
    @Test func narrative_isWrittenUnderTheOutlineHeadings_withTheirGuidance_andPrintedUnderThem() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            try await browser.get("/bao-cao/1")
            let page = browser.lastPage
            // Each heading has its own field, its guidance read out with it.
            #expect(page.contains(#"<label for="narrative-1">I. Tình hình kinh tế</label>"#), "\(page)")
            #expect(page.contains("Hướng dẫn: Kết quả sản xuất nông nghiệp; so sánh với cùng kỳ năm trước."))
            #expect(page.contains(#"id="narrative-1" name="narrative-1" rows="4" aria-describedby="huong-dan-1""#))
            #expect(page.contains(#"<label for="narrative-3">III. Kiến nghị, đề xuất</label>"#))
            #expect(page.contains("Phần mở đầu"))

            let saved = try await browser.post("/bao-cao/1/luu", [
                ("v_NN02", "10"), ("narrative", "Tháng 11, tình hình ổn định."),
                ("narrative-1", "Lúa mùa thu hoạch xong 95% diện tích."), ("narrative-2", ""),
                ("narrative-3", "Đề nghị hỗ trợ giống lúa."), ("action", "save"),
            ])
            #expect(saved.status == .seeOther)
            // Stored as one text, each written heading on a line of its own above its text;
            // the heading left empty is left out.
            #expect(try storedNarrative() == """
                Tháng 11, tình hình ổn định.

                I. Tình hình kinh tế
                Lúa mùa thu hoạch xong 95% diện tích.

                III. Kiến nghị, đề xuất
                Đề nghị hỗ trợ giống lúa.
                """)
            // Opened again, each text is back in its heading's field.
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains(#"aria-describedby="huong-dan-1">Lúa mùa thu hoạch xong 95% diện tích.</textarea>"#))
            #expect(browser.lastPage.contains(#"rows="3">Tháng 11, tình hình ổn định.</textarea>"#))

            // The printed report sets each written heading over its text, in the outline's order.
            try await browser.get("/bao-cao/1/in")
            let printed = browser.lastPage
            #expect(printed.contains(#"<h3 class="outline-heading">I. Tình hình kinh tế</h3><p class="narrative">Lúa mùa thu hoạch xong 95% diện tích.</p>"#), "\(printed)")
            #expect(printed.contains(#"<h3 class="outline-heading">III. Kiến nghị, đề xuất</h3>"#))
            #expect(!printed.contains("II. Văn hóa - xã hội"))
            #expect(printed.range(of: "I. Tình hình kinh tế")!.lowerBound < printed.range(of: "III. Kiến nghị")!.lowerBound)
        }
    }

    // 000 art. 13.1: a form posted without the headings' fields (an older page) keeps the
    // narrative whole instead of dropping what was written under the headings.
    @Test func narrativePostedWithoutHeadingFields_isKeptWhole() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            try await browser.get("/bao-cao/1")
            try await browser.post("/bao-cao/1/luu", [("v_NN02", "10"), ("narrative", "II. Văn hóa - xã hội\nLễ hội an toàn."), ("action", "save")])
            #expect(try storedNarrative() == "II. Văn hóa - xã hội\nLễ hội an toàn.")
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains(#"name="narrative-2" rows="4">Lễ hội an toàn.</textarea>"#))
        }
    }
}
