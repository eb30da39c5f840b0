import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/healthz`, `/metrics` and the sync page say when the last good backup is older than
/// the node's configuration allows (issue 21, item 9; seed 000 art. 19.3: "Định kỳ sao lưu
/// dữ liệu không để mất dữ liệu khi sự cố xảy ra"; seed 001 art. 12.1).
@Suite("The last good backup older than allowed")
struct BackupOverdueTests {
    static let hour: TimeInterval = 3600

    /// A commune node with a development PKI whose backups go to its own folder, every 24
    /// hours, a warning after 48; and the scheduler of `baocao serve` for it.
    static func fixture() throws -> (WebFixture, BackupService) {
        let pki = try DevelopmentPKI.make(topology: WebFixture.topology, keyKind: .ecP256, now: Date().addingTimeInterval(-40 * 86_400))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-web-sao-luu-\(UUID().uuidString)")
        let policy = BackupPolicy(directory: folder.path, interval: 24 * hour, keep: 3, maximumAge: 48 * hour)
        let fixture = try WebFixture(bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry),
                                     backupPolicy: policy)
        let service = BackupService(runtime: fixture.web.work.runtime, policy: policy, directory: folder, signer: pki.units["04801"]!.signing)
        return (fixture, service)
    }

    /// Should answer `degraded` on `/healthz` with the reason and `baocao_backup_overdue 1`
    /// once the last good backup is three days old, and `ok` and `0` after a new one.
    @Test func healthz_saysTheBackupIsOverdue_untilANewOneIsMade() async throws {
        let (fixture, service) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let old = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 72 * Self.hour).rounded(.down))
        guard case .good = try service.backupNow(at: old) else { Issue.record("the backup was not good"); return }
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            let health = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
            #expect(health?["status"] as? String == "degraded", "\(String(buffer: response.body))")
            let backup = try #require(health?["backup"] as? [String: Any])
            #expect(backup["overdue"] as? Bool == true)
            #expect(backup["maximumAgeHours"] as? Int == 48)
            #expect(backup["lastGood"] as? String == old.formatted(.iso8601))
            #expect(backup["reason"] as? String == "Bản sao lưu đạt kiểm tra gần nhất lúc \(VietnamTime.displayText(old)) đã cũ hơn 48 giờ cho phép"
                    + " (thư mục sao lưu \(service.directory.path)).")
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"baocao_backup_overdue{unit="04801"} 1"#), "\(metrics)")

            guard case .good = try service.backupNow(at: Date()) else { Issue.record("the new backup was not good"); return }
            let renewed = String(buffer: try await client.execute(uri: "/healthz", method: .get).body)
            #expect(renewed.contains(#""status":"ok""#) && renewed.contains(#""overdue":false"#), "\(renewed)")
            let after = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(after.contains(#"baocao_backup_overdue{unit="04801"} 0"#))
        }
    }

    /// Should show on the sync page a banner naming the last good backup and the age
    /// allowed while it is overdue, the last good backup among the facts, and no banner once a new one is made.
    @Test func syncPage_showsABanner_whileTheBackupIsOverdue() async throws {
        let (fixture, service) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let old = Date().addingTimeInterval(-50 * Self.hour)
        guard case .good(let file) = try service.backupNow(at: old) else { Issue.record("the backup was not good"); return }
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("nhaplieu")
            let page = String(buffer: try await browser.get("/dong-bo").body)
            #expect(page.contains(#"<p class="warning" role="alert" id="sao-luu-qua-han">Bản sao lưu đạt kiểm tra gần nhất lúc "#
                                  + VietnamTime.displayText(old) + " đã cũ hơn 48 giờ cho phép"), "\(page)")
            #expect(page.contains(#"<dd id="sao-luu-gan-nhat">"# + VietnamTime.displayText(old) + " (\(file))</dd>"))

            guard case .good = try service.backupNow(at: Date()) else { Issue.record("the new backup was not good"); return }
            let renewed = String(buffer: try await browser.get("/dong-bo").body)
            #expect(renewed.contains("Gửi và đồng bộ"))
            #expect(!renewed.contains("sao-luu-qua-han"))
        }
    }
}
