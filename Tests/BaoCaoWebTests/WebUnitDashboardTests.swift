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

/// A unit's own dashboard (002 art. 10.1e: "tạo giao diện số (Dashboard) hiển thị thông tin
/// các chỉ tiêu của đơn vị"; 000 art. 13.4): staff choose indicators and charts, kept per
/// unit, and the home page draws them from the unit's own reports.
@Suite("Web: the unit's own dashboard on the home page")
struct WebUnitDashboardTests {
    let fixture: WebFixture

    init() throws {
        fixture = try WebFixture()
    }

    func stored() throws -> [DashboardItemRecord] {
        try fixture.store.writer.read { try NodeStore.dashboard(of: "04801", in: $0) }
    }

    func auditActions() throws -> [String] {
        try fixture.store.writer.read { try String.fetchAll($0, sql: "SELECT action FROM auditEntry WHERE action LIKE 'dashboard.%' ORDER BY sequence") }
    }

    // 002 art. 10.1e; 000 art. 13.4
    @Test func chosenIndicator_isDrawnOnTheHomePage_fromTheUnitsReports_andKeptForTheUnit() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/bao-cao")
            for (period, figure) in [("2026-10", "1.200,5"), ("2026-11", "1.300")] {
                try await browser.post("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", period)])
                let id = period == "2026-10" ? 1 : 2
                try await browser.get("/bao-cao/\(id)")
                try await browser.post("/bao-cao/\(id)/luu", [("v_NN02", figure), ("action", "save")])
            }
            try await browser.get("/")
            #expect(browser.lastPage.contains("Chưa chọn chỉ tiêu nào cho bảng điều khiển."))
            #expect(browser.lastPage.contains(#"<option value="KTXH-THANG/NN02">NN02 Diện tích lúa thu hoạch (ha)</option>"#), "\(browser.lastPage)")

            let added = try await browser.post("/bang-dieu-khien/them", [("muc", "KTXH-THANG/NN02"), ("bieu-do", "bars")])
            #expect(added.status == .seeOther)
            try await browser.get("/")
            let home = browser.lastPage
            // The chart as the aggregate pages draw it: the unit's figure of each period, as text too.
            #expect(home.contains("<figcaption>NN02 Diện tích lúa thu hoạch (ha) — Báo cáo tình hình kinh tế – xã hội tháng, 2 kỳ gần nhất</figcaption>"), "\(home)")
            #expect(home.contains("2026-10: 1.200,5") && home.contains("2026-11: 1.300"))
            #expect(home.contains("<svg") && home.contains("<rect"))

            // Kept in the unit's store: another person of the unit sees the same dashboard.
            try await browser.post("/dang-xuat", [])
            try await browser.signIn("lanhdao")
            try await browser.get("/")
            #expect(browser.lastPage.contains("2026-11: 1.300"))
            let items = try stored()
            #expect(items.map(\.indicatorCode) == ["NN02"] && items.first?.chart == .bars)

            // Removed, it is gone from the home page; both changes are in the audit log.
            let id = try #require(items.first?.id)
            try await browser.post("/bang-dieu-khien/xoa", [("id", String(id))])
            try await browser.get("/")
            #expect(browser.lastPage.contains("Chưa chọn chỉ tiêu nào cho bảng điều khiển."))
            #expect(try auditActions() == ["dashboard.add", "dashboard.remove"])
        }
    }

    @Test func anIndicatorNotOnTheRegimesForm_isRefused_andAViewerCannotArrange() async throws {
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            try await browser.get("/")
            let refused = try await browser.post("/bang-dieu-khien/them", [("muc", "KTXH-THANG/XX99"), ("bieu-do", "line")])
            #expect(refused.status == .badRequest || refused.status == .unprocessableContent, "\(refused.status)")
            #expect(browser.lastPage.contains("Chỉ tiêu \"XX99\" không có trên biểu mẫu") || browser.lastPage.contains("Chỉ tiêu &quot;XX99&quot; không có trên biểu mẫu"),
                    "\(browser.lastPage)")
            try await browser.post("/dang-xuat", [])
            try await browser.signIn("xem")
            try await browser.get("/")
            #expect(!browser.lastPage.contains("Thêm vào bảng điều khiển"))
            let forbidden = try await browser.post("/bang-dieu-khien/them", [("muc", "KTXH-THANG/NN02"), ("bieu-do", "line")])
            #expect(forbidden.status == .forbidden)
            #expect(try stored().isEmpty)
        }
    }
}
