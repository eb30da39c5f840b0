import BaoCaoCore
import BaoCaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// An item of the parent's feed that the node refused and passed over is never silent:
/// the sync page says which bundle, from whom and why, and `/metrics` counts it.
@Suite("Refused feed items on the sync page and in /metrics")
struct FeedRefusalDisplayTests {
    @Test func syncPageAndMetrics_showARefusedFeedItem() async throws {
        let fixture = try WebFixture()
        let id = String(repeating: "cd", count: 32)
        let reason = "Gói tin từ cấp trên có dung lượng 300000000 byte, vượt giới hạn 272605184 byte của một gói tin; không nhận."
        try fixture.store.recordRefusedFeedItems(
            [RefusedFeedItem(parent: "148", feedCursor: 7, bundleId: id, sender: "148", size: 300_000_000, code: "feedItemTooLarge",
                             reason: reason, refusedAt: Date())],
            cursorSetting: .feedCursor, cursor: 7)
        #expect(try fixture.store.value(of: .feedCursor) == "7")
        try await fixture.application().test(.router) { client in
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"baocao_feed_items_refused_total{unit="04801"} 1"#), "\(metrics)")

            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            let page = String(buffer: try await browser.get("/dong-bo").body)
            #expect(page.contains("Gói tin từ cấp trên không nhận"))
            #expect(page.contains("Nút này đã bỏ qua 1 gói tin"))
            #expect(page.contains("<code>\(id.prefix(12))…</code>"))
            #expect(page.contains("(148)"))
            #expect(page.contains("300.000.000 byte"))
            #expect(page.contains(reason))
        }
    }

    @Test func syncPage_withoutRefusals_saysNothingOfThem() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"baocao_feed_items_refused_total{unit="04801"} 0"#))
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            #expect(!String(buffer: try await browser.get("/dong-bo").body).contains("Gói tin từ cấp trên không nhận"))
        }
    }
}
