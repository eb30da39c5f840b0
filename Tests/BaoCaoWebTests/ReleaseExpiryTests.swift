import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A province release in force past its expiry shows — `/healthz` degraded with the
/// reason, `/metrics`, a banner on the sync page — until a newer one arrives (issue 17,
/// item 4): a district that withholds releases cannot freeze its communes on a stale
/// revocation list unseen.
@Suite("The release in force past its expiry")
struct ReleaseExpiryTests {
    static let day: TimeInterval = 86_400

    /// A commune node installed with a development PKI, and the province's signer.
    static func signedFixture() throws -> (WebFixture, DevelopmentPKI) {
        let pki = try DevelopmentPKI.make(topology: WebFixture.topology, keyKind: .ecP256, now: Date().addingTimeInterval(-40 * day))
        let fixture = try WebFixture(bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry))
        return (fixture, pki)
    }

    /// The province's release `version`, published at `publishedAt` and expiring at
    /// `expiresAt`, taken in by the commune at `publishedAt` (from a USB stick).
    @discardableResult
    static func takeIn(_ version: Int, after previous: AcceptedRelease?, publishedAt: Date, expiresAt: Date,
                       fixture: WebFixture, pki: DevelopmentPKI) throws -> AcceptedRelease {
        let content = ReleaseContent(
            publisher: "17", version: version, previousHash: previous?.hash, publishedAt: publishedAt, expiresAt: expiresAt,
            topology: WebFixture.topology.units, catalog: WebFixture.catalog,
            trust: TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                             signers: pki.registry.signers, nodes: pki.registry.nodes))
        let (_, data, release) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: publishedAt)
        let outcome = try fixture.web.work.runtime.ingest(data, from: .carrier, now: publishedAt)
        #expect(outcome == .accepted, "release \(version)")
        return release
    }

    /// Should answer `degraded` on `/healthz` with the Vietnamese reason naming the
    /// expiry in Vietnam's time, and `baocao_release_expired 1` with the expiry time in
    /// `/metrics`, once the release in force is past its expiry; and `ok` and `0` again as
    /// soon as a newer release is taken in.
    @Test func healthzAndMetrics_sayTheReleaseExpired_untilANewerOneArrives() async throws {
        let (fixture, pki) = try Self.signedFixture()
        let expiry = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 2 * Self.day).rounded(.down))
        let first = try Self.takeIn(1, after: nil, publishedAt: Date().addingTimeInterval(-30 * Self.day), expiresAt: expiry,
                                    fixture: fixture, pki: pki)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            let health = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
            #expect(health?["status"] as? String == "degraded")
            let expired = try #require(health?["releaseExpired"] as? [String: Any], "\(String(buffer: response.body))")
            #expect(expired["version"] as? Int == 1)
            let reason = try #require(expired["reason"] as? String)
            #expect(reason == "Bản phát hành của tỉnh đang dùng (phiên bản 1) đã hết hạn từ \(VietnamTime.displayText(expiry))"
                    + " — danh sách thu hồi có thể đã cũ; hãy đồng bộ với cấp trên hoặc nhập bản mới qua USB.")

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"baocao_release_expired{unit="04801"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"baocao_release_expiry_timestamp_seconds{unit="04801",version="1"} "# + "\(Int(expiry.timeIntervalSince1970))"))

            try Self.takeIn(2, after: first, publishedAt: Date(), expiresAt: Date().addingTimeInterval(180 * Self.day), fixture: fixture, pki: pki)
            let renewed = try await client.execute(uri: "/healthz", method: .get)
            let healthy = try JSONSerialization.jsonObject(with: Data(String(buffer: renewed.body).utf8)) as? [String: Any]
            #expect(healthy?["status"] as? String == "ok")
            #expect(healthy?["releaseExpired"] == nil)
            let after = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(after.contains(#"baocao_release_expired{unit="04801"} 0"#), "\(after)")
        }
    }

    /// Should say `ok` while the release in force is still valid, and have no expiry
    /// gauges before any release.
    @Test func aValidRelease_isHealthy() async throws {
        let (fixture, pki) = try Self.signedFixture()
        try await fixture.application().test(.router) { client in
            let before = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(!before.contains("baocao_release_expired"))
            try Self.takeIn(1, after: nil, publishedAt: Date(), expiresAt: Date().addingTimeInterval(180 * Self.day), fixture: fixture, pki: pki)
            let health = String(buffer: try await client.execute(uri: "/healthz", method: .get).body)
            #expect(health.contains(#""status":"ok""#) && !health.contains("releaseExpired"), "\(health)")
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"baocao_release_expired{unit="04801"} 0"#))
        }
    }

    /// Should show the sync page's banner — which release, since when (Vietnam's time),
    /// what to do — while the release in force is expired, and no more once a newer one
    /// is taken in.
    @Test func syncPage_showsABanner_untilANewerReleaseArrives() async throws {
        let (fixture, pki) = try Self.signedFixture()
        let expiry = Date().addingTimeInterval(-3 * Self.day)
        let first = try Self.takeIn(1, after: nil, publishedAt: Date().addingTimeInterval(-30 * Self.day), expiresAt: expiry,
                                    fixture: fixture, pki: pki)
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            let page = String(buffer: try await browser.get("/dong-bo").body)
            #expect(page.contains(#"<p class="warning" role="alert" id="ban-phat-hanh-het-han">Bản phát hành của tỉnh đang dùng (phiên bản 1) đã hết hạn từ "#
                                  + VietnamTime.displayText(expiry)), "\(page)")
            #expect(page.contains("hãy đồng bộ với cấp trên hoặc nhập bản mới qua USB"))

            try Self.takeIn(2, after: first, publishedAt: Date(), expiresAt: Date().addingTimeInterval(180 * Self.day), fixture: fixture, pki: pki)
            let renewed = String(buffer: try await browser.get("/dong-bo").body)
            #expect(renewed.contains("Gửi và đồng bộ"))
            #expect(!renewed.contains("đã hết hạn"))
        }
    }
}
