import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web: the audit page checks the log against the anchors others hold")
struct WebAuditAnchorTests {
    /// The page says plainly when no other unit holds an anchor yet; once the parent's
    /// receipt echoed a head, the page checks against it, and a log rewritten and
    /// re-chained behind the triggers' back is shown broken, naming who holds the anchor.
    @Test func auditPage_checksAgainstTheParentsEcho() async throws {
        let fixture = try WebFixture()
        let app = fixture.application()
        try await app.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.signIn("quantri")
            try await browser.get("/quan-tri/nhat-ky")
            #expect(browser.lastPage.contains("Chưa có mốc neo nào do đơn vị khác giữ cho nhật ký này"), "\(browser.lastPage)")

            // The district's signed receipt echoed this node's head (as ingest records it).
            let head = try #require(try await fixture.store.writer.read { try AuditLog.head($0) })
            let receipt = StoredBundle(id: String(repeating: "e", count: 64), kind: "receipt", sender: "148", recipient: .unit("04801"), size: 1,
                                       signer: "f", signedAt: Date(), origin: .https, receivedAt: Date(),
                                       about: [AuditHead.echoedManifestKey: head.anchorText])
            try await fixture.store.writer.write { db in
                try receipt.insert(db)
                try NodeStore.recordAuditAnchor(AuditAnchorRecord(unitCode: "04801", head: head, bundleId: receipt.id, receivedAt: Date()), in: db)
            }
            try await browser.get("/quan-tri/nhat-ky")
            #expect(browser.lastPage.contains("Nhật ký hệ thống toàn vẹn") && browser.lastPage.contains("khớp 1 mốc neo do 148 giữ"), "\(browser.lastPage)")

            try await Self.rewriteAndRechain(fixture.store, from: 1)
            #expect(try AuditLog.verify(fixture.store).isIntact, "the forged chain is consistent on its own")
            try await browser.get("/quan-tri/nhat-ky")
            #expect(browser.lastPage.contains("Nhật ký hệ thống KHÔNG toàn vẹn. Nhật ký đã bị dựng lại chuỗi băm: mục số \(head.sequence) không khớp"),
                    "\(browser.lastPage)")
            #expect(browser.lastPage.contains("Mốc neo do 148 giữ"), "\(browser.lastPage)")
        }
    }

    /// Drops the triggers, edits entry `sequence` and recomputes every hash from it on.
    static func rewriteAndRechain(_ store: NodeStore, from sequence: Int64) async throws {
        try await store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noUpdate; DROP TRIGGER auditEntry_noDelete")
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM auditEntry WHERE sequence >= ? ORDER BY sequence", arguments: [sequence])
            var previous: String = rows.first?["previousHash"] ?? AuditLog.genesisHash
            for row in rows {
                let number: Int64 = row["sequence"]
                let detail: String? = number == sequence ? "đã bị sửa" : row["detail"]
                var text = previous
                for field in [String(number), row["at"], row["actor"], row["action"], row["object"], detail] as [String?] {
                    if let field { text += "\(field.utf8.count):\(field)" } else { text += "-" }
                }
                let hash = SHA256Digest.hex(of: Data(text.utf8))
                try db.execute(sql: "UPDATE auditEntry SET detail = ?, previousHash = ?, hash = ? WHERE sequence = ?",
                               arguments: [detail, previous, hash, number])
                previous = hash
            }
        }
    }
}
