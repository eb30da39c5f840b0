import BaoCaoCore
import BaoCaoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/healthz`, `/metrics` and the sync page tell when a neighbour's answers about a bundle
/// have not been understood for over a day: the node is degraded, and the answer as it
/// came is there for whoever must find out why (issue 16, item 1).
@Suite("Node health and bundles a neighbour leaves unsettled")
struct NodeHealthTests {
    /// A bundle queued for the district, answered `answer` since `since`.
    static func queueUnsettled(_ fixture: WebFixture, answer: String, since: Date) throws -> String {
        let id = String(repeating: "ab", count: 32)
        let bundle = StoredBundle(id: id, kind: "transfer", sender: "04801", recipient: "148", size: 10, signer: "", signedAt: since,
                                  origin: .local, receivedAt: since, about: [:])
        try fixture.store.record(bundle, deliveries: [Delivery(bundleId: id, destination: "148", direction: .up, queuedAt: since)])
        try fixture.store.postpone(bundleId: id, destination: "148", answer: answer, retryAt: since.addingTimeInterval(60), unsettled: true, at: since)
        return id
    }

    /// Should say `ok` while answers are understood, and `degraded`, with the raw answer,
    /// once one has gone a day without being understood.
    @Test func healthz_whenAnAnswerIsNotUnderstoodForADay_saysDegraded_withTheAnswer() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let fresh = try await client.execute(uri: "/healthz", method: .get)
            #expect(String(buffer: fresh.body).contains(#""status":"ok""#))

            let raw = #"HTTP 200: {"results":[{"outcome":"quarantined"}]}"#
            let id = try Self.queueUnsettled(fixture, answer: raw, since: Date().addingTimeInterval(-25 * 3600))
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            let health = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
            #expect(health?["status"] as? String == "degraded")
            let unsettled = (health?["unsettled"] as? [[String: Any]])?.first
            #expect(unsettled?["bundle"] as? String == id)
            #expect(unsettled?["answer"] as? String == raw, "the answer as it came")

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"baocao_deliveries_unsettled{unit="04801"} 1"#))
        }
    }

    /// Should list on the sync page each bundle the parent has not taken, with its last
    /// answer, and say when one has gone a day not understood.
    @Test func syncPage_listsTheBundlesNotTaken_withTheLastAnswer() async throws {
        let fixture = try WebFixture()
        _ = try Self.queueUnsettled(fixture, answer: "trả lời lạ: 418", since: Date().addingTimeInterval(-30 * 3600))
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            let page = String(buffer: try await browser.get("/dong-bo").body)
            #expect(page.contains("Gói tin chưa được nhận"))
            #expect(page.contains("<code>trả lời lạ: 418</code>"))
            #expect(page.contains("Không hiểu được từ"))
            #expect(page.contains("đã quá một ngày: cần kiểm tra"))
        }
    }
}
