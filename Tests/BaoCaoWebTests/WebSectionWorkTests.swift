import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The report page at the commune: who approves a section's figures, the leader
/// returning one section, and the required marker by the reporter's kind (issue 21,
/// items 4, 7 and 14).
@Suite("Web interface: sections approved by delegation, one section returned, required by kind")
struct WebSectionWorkTests {
    let fixture: WebFixture

    init() throws { fixture = try WebFixture() }

    func actor(_ login: String) throws -> StaffMember {
        let account = try #require(try fixture.web.accounts.account(login: login))
        return try #require(try fixture.web.accounts.currentActor(userId: account.id))
    }

    // 002 art. 10.2b: a section's head approves its figures only "nếu được ủy quyền".
    @Test func sectionHead_withoutDelegation_seesWhyAndIsRefused() async throws {
        let sections = SectionService(store: fixture.store)
        try sections.addSection(code: "NN", name: "Bộ phận nông nghiệp", head: "nhaplieu", by: try actor("quantri"), at: Date())
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            #expect(browser.lastPage.contains("Bạn là trưởng bộ phận NN (Nông nghiệp) nhưng chưa được lãnh đạo ủy quyền duyệt số liệu"))
            #expect(!browser.lastPage.contains("Duyệt số liệu: Nông nghiệp"))
            let refused = try await browser.post("/bao-cao/1/duyet-phan", [("section", "NN")])
            #expect(refused.status == .forbidden)
            #expect(browser.lastPage.contains("là trưởng bộ phận NN nhưng chưa được lãnh đạo ủy quyền duyệt số liệu phần"))
            #expect(try ReportService(work: fixture.web.work).details(report: 1, by: try actor("nhaplieu")).sectionApprovals.isEmpty)

            // The leader delegates NN: the head approves NN from the page, and only NN.
            try sections.delegate(section: "NN", to: "nhaplieu", by: try actor("lanhdao"), at: Date())
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Duyệt số liệu: Nông nghiệp"))
            #expect(!browser.lastPage.contains("Duyệt số liệu: Lao động"))
            #expect(!browser.lastPage.contains("chưa được lãnh đạo ủy quyền"))
            try await browser.post("/bao-cao/1/duyet-phan", [("section", "NN")])
            #expect(try ReportService(work: fixture.web.work).details(report: 1, by: try actor("nhaplieu")).sectionApprovals.map(\.approvedBy) == ["nhaplieu"])
        }
    }

    // 002 art. 12.3–12.4: the leader sends one section's figures back with a reason; the
    // section sees it, the rest stays, and the report cannot be signed meanwhile.
    @Test func leaderReturnsOneSection_fromTheReportPage() async throws {
        let reports = ReportService(work: fixture.web.work)
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            try reports.setValues(report: 1, [("NN02", "1.245,5"), ("LD02", "820")], by: try actor("nhaplieu"), at: Date())
            for section in ["NN", "LD"] { try reports.approveSection(report: 1, section: section, by: try actor("lanhdao"), at: Date()) }
            try reports.submit(report: 1, by: try actor("nhaplieu"), at: Date())
            try await browser.post("/dang-xuat", [])

            try await browser.signIn("lanhdao")
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Trả lại số liệu một phần cho bộ phận"))
            let noReason = try await browser.post("/bao-cao/1/tra-phan", [("section", "NN"), ("reason", " ")])
            #expect(noReason.status == .badRequest && browser.lastPage.contains("Phải ghi rõ lý do."))
            try await browser.get("/bao-cao/1")
            try await browser.post("/bao-cao/1/tra-phan", [("section", "NN"), ("reason", "Diện tích lúa chưa khớp thống kê")])
            let details = try reports.details(report: 1, by: try actor("lanhdao"))
            #expect(details.openSectionReturns.map(\.sectionCode) == ["NN"])
            #expect(details.sectionApprovals.map(\.sectionCode) == ["LD"])
            // Not signed while NN is returned.
            try await browser.get("/bao-cao/1")
            #expect(!browser.lastPage.contains("Duyệt và ký số"))
            let sign = try await browser.post("/bao-cao/1/duyet", [])
            #expect(sign.status == .conflict)
            #expect(try reports.details(report: 1, by: try actor("lanhdao")).report.state == .draft)
            try await browser.post("/dang-xuat", [])

            // The section's member sees which section came back, and why.
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Số liệu bị lãnh đạo trả lại cho bộ phận sửa"))
            #expect(browser.lastPage.contains("<strong>Nông nghiệp</strong> (NN) — lanhdao trả lại lúc"))
            #expect(browser.lastPage.contains("Lý do: Diện tích lúa chưa khớp thống kê."))
            // And on the first page after sign-in, linked to the report.
            try await browser.get("/")
            #expect(browser.lastPage.contains("Số liệu bị lãnh đạo trả lại cho bộ phận — cần sửa và duyệt lại"))
            #expect(browser.lastPage.contains("kỳ 2026-11, phần Nông nghiệp</a>: <span class=\"reason\">lanhdao trả lại, lý do: Diện tích lúa chưa khớp thống kê</span>"))

            // Corrected and approved again: no longer shown as returned.
            try reports.setValues(report: 1, [("NN02", "1.250")], by: try actor("nhaplieu"), at: Date())
            try reports.approveSection(report: 1, section: "NN", by: try actor("lanhdao"), at: Date())
            try await browser.get("/")
            #expect(!browser.lastPage.contains("Số liệu bị lãnh đạo trả lại"))
            try await browser.get("/bao-cao/1")
            #expect(!browser.lastPage.contains("Số liệu bị lãnh đạo trả lại"))
        }
    }

    // Issue 21 item 14: a figure is required of the reporter kinds its section names.
    @Test func requiredMarker_followsTheUnitsKind() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            #expect(browser.lastPage.contains("Diện tích lúa thu hoạch <abbr title=\"bắt buộc\">*</abbr>"))
            #expect(browser.lastPage.contains("Diện tích lúa thu hoạch là chỉ tiêu bắt buộc, chưa nhập"))

            // The section is made districts' alone: the commune is no longer asked for it.
            var catalog = try fixture.store.catalog()
            catalog.forms[0].sections[0].requiredFor = [.district]
            try fixture.store.replaceCatalog(catalog)
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Diện tích lúa thu hoạch"))
            #expect(!browser.lastPage.contains("<abbr title=\"bắt buộc\">*</abbr>"))
            #expect(!browser.lastPage.contains("là chỉ tiêu bắt buộc, chưa nhập"))
        }
    }
}
