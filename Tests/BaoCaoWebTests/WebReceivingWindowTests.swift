import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The receiving window through the web interface (seed 002 art. 14.4; seed 000 arts. 18,
/// 22): an aggregator extends it with the announcing document on `/hop-thu`; the report
/// that arrived inside the extension is on time in the completeness table, and the table,
/// the inbox and the ranking list the announcements they rest on.
@Suite("Receiving window in the browser")
struct WebReceivingWindowTests {
    @Test func extension_makesAReportArrivingInsideIt_onTime_andIsListed() async throws {
        let node = try SignedWebNode(people: WebPermissionMatrixTests.people)
        // 04801's report for November arrives now, weeks after its deadline.
        try node.flaggedReport()
        let app = Application(router: LocalApplication.router(runtime: node.work.runtime, web: node.web))
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        local.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let until = local.string(from: Date() + 2 * 86_400)
        local.dateFormat = "yyyy-MM-dd"
        let today = local.string(from: Date())
        try await app.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.signIn("aggregator")
            try await browser.get("/tong-hop/xem?regime=KTXH-THANG&period=2026-11")
            #expect(browser.lastPage.contains("Chưa có thông báo mở, gia hạn hay đóng tiếp nhận của kỳ này."))
            #expect(browser.lastPage.contains("<td>trễ hạn</td>"))

            #expect(try await browser.post("/hop-thu/tiep-nhan", [("regime", "KTXH-THANG"), ("period", "2026-11"), ("action", "open")]).status
                    == .seeOther)
            let missingNumber = try await browser.post("/hop-thu/tiep-nhan", [
                ("regime", "KTXH-THANG"), ("period", "2026-11"), ("action", "extend"), ("until", until), ("number", ""),
                ("date", today), ("reason", "Mưa lũ")])
            #expect(missingNumber.status == .badRequest)
            let extended = try await browser.post("/hop-thu/tiep-nhan", [
                ("regime", "KTXH-THANG"), ("period", "2026-11"), ("action", "extend"), ("until", until), ("number", "15/TB-UBND"),
                ("date", today), ("reason", "Mưa lũ làm gián đoạn đường truyền")])
            #expect(extended.status == .seeOther)

            try await browser.get("/tong-hop/xem?regime=KTXH-THANG&period=2026-11")
            #expect(browser.lastPage.contains("Căn cứ các thông báo tiếp nhận:"))
            #expect(browser.lastPage.contains("(văn bản số 15/TB-UBND ngày "))
            #expect(browser.lastPage.contains("<td>đúng hạn</td>") && !browser.lastPage.contains("<td>trễ hạn</td>"))

            try await browser.get("/hop-thu?regime=KTXH-THANG&period=2026-11")
            #expect(browser.lastPage.contains("Thông báo tiếp nhận KTXH-THANG kỳ 2026-11"))
            #expect(browser.lastPage.contains("<li>mở tiếp nhận, ghi lúc ") && browser.lastPage.contains("<li>gia hạn tiếp nhận đến "))

            try await browser.get("/tong-hop/xep-hang?nam=2026")
            #expect(browser.lastPage.contains("Xếp hạng thực hiện chế độ báo cáo định kỳ năm 2026"))
            #expect(browser.lastPage.contains("KTXH-THANG kỳ 2026-11: mở tiếp nhận, ghi lúc "))
        }
    }
}
