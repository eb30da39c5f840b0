import BaoCaoCore
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A regime, period or unit in a link or a form is read into its type where it enters;
/// text that cannot be one is answered 400 with the reason in Vietnamese, naming the text.
@Suite("Web interface: malformed periods and units are refused at the edge")
struct WebTypedInputTests {
    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture()
    }

    /// A drill-down link with a month that does not exist, or a unit code that cannot be
    /// one, is a bad request that says what is wrong.
    @Test func drillDown_withMalformedPeriodOrUnit_isBadRequest_saidInVietnamese() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("xem")
            let period = try await browser.get("/tong-hop/don-vi?regime=KTXH-THANG&period=2026-13&unit=04801")
            #expect(period.status == .badRequest)
            #expect(browser.lastPage.contains("Kỳ báo cáo &quot;2026-13&quot; không hợp lệ: tháng phải từ 01 đến 12."), "\(browser.lastPage)")
            let unit = try await browser.get("/tong-hop/don-vi?regime=KTXH-THANG&period=2026-11&unit=4801")
            #expect(unit.status == .badRequest)
            #expect(browser.lastPage.contains("Mã đơn vị &quot;4801&quot; không hợp lệ"), "\(browser.lastPage)")
            let regime = try await browser.get("/tong-hop/xem?regime=KTXH%20THANG&period=2026-11")
            #expect(regime.status == .badRequest)
            #expect(browser.lastPage.contains("Mã chế độ báo cáo &quot;KTXH THANG&quot; không hợp lệ"), "\(browser.lastPage)")
        }
    }

    /// A new report for a period that does not exist is refused before anything is made.
    @Test func newReport_withMalformedPeriod_isBadRequest_andMakesNothing() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            let refused = try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11-01")])
            #expect(refused.status == .badRequest)
            #expect(browser.lastPage.contains("Kỳ báo cáo &quot;2026-11-01&quot; không hợp lệ"), "\(browser.lastPage)")
            let reports = try await fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM report") }
            #expect(reports == 0)
        }
    }
}
