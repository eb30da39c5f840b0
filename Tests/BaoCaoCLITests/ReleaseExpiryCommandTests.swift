import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import Testing

/// `baocao status` says when the province release in force is past its expiry, until a
/// newer one arrives (issue 17, item 4).
@Suite("baocao status and the release in force past its expiry")
struct ReleaseExpiryCommandTests {
    /// Leaves in the node's store, as the release in force, the province's next release
    /// as a node that took it in months ago holds it: published 200 days ago, expired
    /// `expiredDaysAgo` days ago. Returns its expiry.
    static func holdExpiredRelease(database: String, expiredDaysAgo: Double) throws -> Date {
        let store = try NodeStore.open(at: database)
        let stored = try #require(try store.latestRelease(publisher: "17"))
        var content = try ReleaseContent(decoding: stored.content)
        content.version = stored.version + 1
        content.previousHash = stored.contentHash
        content.publishedAt = Date().addingTimeInterval(-200 * 86_400)
        content.expiresAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - expiredDaysAgo * 86_400).rounded(.down))
        let bytes = try content.encoded()
        try store.recordRelease(StoredRelease(publisher: "17", version: content.version, contentHash: try SHA256Digest.hexDigest(of: bytes),
                                              previousHash: stored.contentHash, publishedAt: content.publishedAt,
                                              receivedAt: content.publishedAt, bundleId: nil, content: bytes),
                                topology: nil, catalogInForce: try store.catalog())
        return content.expiresAt
    }

    /// Should print the release in force with its expiry, and — once it is past it — a
    /// warning in Vietnamese naming the version and the time it expired (Vietnam's time)
    /// and what to do; `--json` says the same in `provinceRelease`.
    @Test func status_saysTheReleaseInForceExpired() throws {
        let network = try SignedNetwork(units: ["157"])
        let province = try network.node("17")
        let district = try network.node("157")
        #expect(try network.run(["release", "publish", "--config", province, "--out", "v1.bcb"]).status == 0)
        #expect(try network.run(["release", "import", "--config", district, "v1.bcb"]).output == "v1.bcb: accepted\n")

        let valid = try network.run(["status", "--config", district])
        #expect(valid.status == 0, "\(valid.error)")
        #expect(valid.output.contains("Bản phát hành của tỉnh: phiên bản 1, hết hạn "), "\(valid.output)")
        #expect(!valid.output.contains("Cảnh báo"))

        let expiry = try Self.holdExpiredRelease(database: network.workspace.path("data/157/baocao.sqlite"), expiredDaysAgo: 3)
        let expired = try network.run(["status", "--config", district])
        #expect(expired.status == 0, "\(expired.error)")
        #expect(expired.output.contains("Cảnh báo: Bản phát hành của tỉnh đang dùng (phiên bản 2) đã hết hạn từ \(VietnamTime.displayText(expiry))"
                                        + " — danh sách thu hồi có thể đã cũ; hãy đồng bộ với cấp trên hoặc nhập bản mới qua USB."), "\(expired.output)")

        let json = try network.run(["status", "--config", district, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let release = try #require(object?["provinceRelease"] as? [String: Any], "\(json.output)")
        #expect(release["version"] as? Int == 2)
        #expect(release["expired"] as? Bool == true)
        #expect(release["expiresAt"] as? String == expiry.formatted(.iso8601))
        #expect((release["message"] as? String)?.contains("đã hết hạn từ \(VietnamTime.displayText(expiry))") == true)
    }
}
