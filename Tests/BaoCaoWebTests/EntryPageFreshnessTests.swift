import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The data-entry page keeps the HTML of a revision's figures between visits; whatever
/// changes the figures — a save from another screen, the command line, an approved
/// section, a new catalog — shows on the next visit.
@Suite("Web interface: the figures shown are always the stored ones")
struct EntryPageFreshnessTests {
    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture()
    }

    func actor(_ login: String) throws -> StaffMember {
        let account = try #require(try fixture.web.accounts.account(login: login))
        return try #require(try fixture.web.accounts.currentActor(userId: account.id))
    }

    @Test func figuresWrittenElsewhere_sectionApprovals_andANewCatalog_showOnTheNextVisit() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.startDraft()
            let reports = ReportService(work: fixture.web.work)
            try reports.setValues(report: 1, [("NN02", "1.245,5")], by: try actor("nhaplieu"), at: Date())
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("value=\"1.245,5\""))
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("value=\"1.245,5\""))

            // Another screen or the command line writes the figure: the page shows the new one.
            try reports.setValues(report: 1, [("NN02", "2000")], by: try actor("nhaplieu"), at: Date())
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("value=\"2.000\"") && !browser.lastPage.contains("value=\"1.245,5\""))

            // A section approved by the leader is marked at once.
            #expect(!browser.lastPage.contains("Đã duyệt số liệu"))
            try reports.approveSection(report: 1, section: "NN", by: try actor("lanhdao"), at: Date())
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Đã duyệt số liệu"))

            // A new catalog renames an indicator: the new name is shown.
            var catalog = try fixture.store.catalog()
            catalog.indicators[0].name = "Diện tích lúa đã thu hoạch"
            try fixture.store.replaceCatalog(catalog)
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("Diện tích lúa đã thu hoạch"))
        }
    }
}
