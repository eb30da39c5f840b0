import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The inbox's page for reports received outside the system (issue 21, item 8; seed 000
/// art. 7.3: "bằng hình thức văn bản điện tử thông qua Hệ thống quản lý văn bản và điều
/// hành của tỉnh"; seed 001 art. 10.2d): the district's leader records its commune's
/// report from a scan, and the consolidated page counts it, marked.
@Suite("Reports received outside the system, in the browser")
struct OutsideReportPageTests {
    static let reader = StaffMember(userId: 99, login: "xem", displayName: "Người xem", roles: [.viewer])

    /// Should record, from the form with the scan attached, the commune's report with the
    /// figures typed; list it marked as typed on the sender's behalf, the document downloadable
    /// as it came; and show on the consolidated page its figures with a mark and, in the
    /// completeness table, "nhận ngoài hệ thống".
    @Test func leader_recordsAScannedReport_andTheConsolidatedPageMarksIt() async throws {
        let fixture = try WebFixture(home: "148")
        let scan = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("bản quét báo cáo số 12/BC-UBND".utf8)
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            let inbox = String(buffer: try await browser.get("/hop-thu").body)
            #expect(inbox.contains(#"<a href="/hop-thu/ngoai-he-thong">Báo cáo nhận ngoài hệ thống</a>"#))
            let empty = String(buffer: try await browser.get("/hop-thu/ngoai-he-thong").body)
            #expect(empty.contains("Chưa ghi nhận báo cáo nào nhận ngoài hệ thống.") && empty.contains(#"name="van-ban" type="file""#), "\(empty)")

            let posted = try await browser.postFile("/hop-thu/ngoai-he-thong", field: "van-ban", fileName: "bao-cao-12.jpg", type: "image/jpeg", data: scan,
                                                    fields: [("regime", "KTXH-THANG"), ("period", "2026-10"), ("unit", "04801"),
                                                             ("so-van-ban", "12/BC-UBND"), ("nhan-luc", "2026-10-15T09:30"),
                                                             ("ly-do", "Đường truyền của xã mất"), ("so-lieu", "NN02=1.245,5\r\nLD02=830")])
            #expect(posted.status == .seeOther, "\(String(buffer: posted.body))")
            let page = String(buffer: try await browser.get("/hop-thu/ngoai-he-thong").body)
            #expect(page.contains("Đã ghi nhận báo cáo của 04801 (KTXH-THANG kỳ 2026-10) nhận ngoài hệ thống"), "\(page)")
            #expect(page.contains("<td>Xã Một (04801)</td><td>KTXH-THANG</td><td>2026-10</td><td>15/10/2026 09:30 (giờ Việt Nam)</td>"), "\(page)")
            #expect(page.contains("không có chữ ký số") && page.contains("lanhdao, ") && page.contains("đang dùng (nhập thay, không phải bản gốc ký số)"))
            let id = try #require(try OutsideReportService(work: fixture.web.work).list(by: Self.reader).first?.record.id)
            let download = try await browser.get("/hop-thu/ngoai-he-thong/\(id)/van-ban")
            #expect(Data(download.body.readableBytesView) == scan, "the document as it came")

            let consolidated = String(buffer: try await browser.get("/tong-hop/xem?regime=KTXH-THANG&period=2026-10").body)
            #expect(consolidated.contains(#"<p class="warning" id="ngoai-he-thong">Gồm số liệu nhập thay từ văn bản nhận ngoài hệ thống, không phải bản gốc ký số: 04801"#),
                    "\(consolidated)")
            #expect(consolidated.contains("1.245,5"))
            #expect(consolidated.contains("nhận ngoài hệ thống, số liệu nhập thay"))
        }
    }

    /// Should refuse a clerk (data entry) who may not decide incoming reports, storing nothing.
    @Test func clerk_mayNotRecord() async throws {
        let fixture = try WebFixture(home: "148")
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            let page = String(buffer: try await browser.get("/hop-thu/ngoai-he-thong").body)
            #expect(!page.contains(#"name="van-ban""#), "no form for a clerk")
            let posted = try await browser.postFile("/hop-thu/ngoai-he-thong", field: "van-ban", fileName: "a.png", type: "image/png",
                                                    data: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
                                                    fields: [("regime", "KTXH-THANG"), ("period", "2026-10"), ("unit", "04801"), ("nhan-luc", "2026-10-15T09:30"),
                                                             ("ly-do", "sự cố"), ("so-lieu", "NN02=1")])
            #expect(posted.status == .forbidden, "\(posted.status)")
            #expect(try OutsideReportService(work: fixture.web.work).list(by: Self.reader).isEmpty)
        }
    }
}
