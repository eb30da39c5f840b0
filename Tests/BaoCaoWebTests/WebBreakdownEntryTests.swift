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

/// Figures by breakdown (phân tổ) typed in the browser, not only by file or command line:
/// `LD02[GT=nam]` and `LD02[GT=nu]` under the total, each its own labelled field, checked
/// and saved as the CSV import would (issue 21 item 15).
@Suite("Web: figures by breakdown entered in the form")
struct WebBreakdownEntryTests {
    static var catalog: Catalog {
        var catalog = WebFixture.catalog
        catalog.dimensions = [Dimension(code: "GT", name: "Giới tính", members: [.init(code: "nam", name: "Nam"), .init(code: "nu", name: "Nữ")])]
        catalog.indicators = catalog.indicators.map { indicator in
            var indicator = indicator
            if indicator.code == "LD02" { indicator.dimensions = ["GT"] }
            return indicator
        }
        return catalog
    }

    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture(catalog: Self.catalog)
    }

    func stored() throws -> [String: String] {
        try fixture.store.writer.read { db in
            Dictionary(uniqueKeysWithValues: try ReportValueRecord.filter(Column("reportId") == 1).fetchAll(db).map { ($0.key, $0.value) })
        }
    }

    @Test func eachBreakdown_hasItsLabelledField_isSaved_andShownAgain() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            try await browser.get("/bao-cao/1")
            let page = browser.lastPage
            #expect(page.contains(#"<div class="field breakdown">"#), "\(page)")
            #expect(page.contains(#"<label for="v-LD02-GT-nam-"><span class="code">LD02[GT=nam]</span> Trong đó: Nam</label>"#))
            #expect(page.contains(#"name="v_LD02[GT=nu]""#))

            let saved = try await browser.post("/bao-cao/1/luu", [
                ("v_NN02", "10"), ("v_LD02", "412"), ("v_LD02[GT=nam]", "200"), ("v_LD02[GT=nu]", "212"), ("action", "save"),
            ])
            #expect(saved.status == .seeOther)
            let values = try stored()
            #expect(values["LD02[GT=nam]"] == "200" && values["LD02[GT=nu]"] == "212" && values["LD02"] == "412", "\(values)")
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains(#"name="v_LD02[GT=nu]" value="212""#))
        }
    }

    @Test func aWrongBreakdownFigure_isNamedAtItsField_andNothingIsSaved() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            try await browser.get("/bao-cao/1")
            try await browser.post("/bao-cao/1/luu", [("v_NN02", "10"), ("action", "save")])
            let refused = try await browser.post("/bao-cao/1/luu", [
                ("v_NN02", "11"), ("v_LD02[GT=nam]", "2,0,0"), ("v_LD02[GT=nu]", "5"), ("action", "save"),
            ])
            #expect(refused.status == .unprocessableContent)
            let page = browser.lastPage
            #expect(page.contains(##"<a href="#v-LD02-GT-nam-">LD02[GT=nam] Trong đó: Nam:"##), "\(page)")
            #expect(page.contains(#"value="2,0,0" inputmode="decimal" aria-describedby="dv-LD02-GT-nam- loi-LD02-GT-nam-" aria-invalid="true""#))
            // What was stored before stays as it was: nothing of the refused save is kept.
            #expect(try stored().keys.sorted() == ["NN02"])
        }
    }

    @Test func theReadOnlyReport_showsEachBreakdownUnderItsTotal() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
            try await browser.get("/bao-cao/1")
            try await browser.post("/bao-cao/1/luu", [("v_NN02", "10"), ("v_LD02", "3"), ("v_LD02[GT=nu]", "2"), ("action", "save")])
            // Someone who only reads sees the figures as a table.
            try await browser.post("/dang-xuat", [])
            try await browser.signIn("xem")
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("<tr><td>LD02[GT=nu]</td><td>Trong đó: Nữ</td><td>hộ</td><td class=\"num\">2</td></tr>"), "\(browser.lastPage)")
        }
    }
}
