import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

@Suite("Configuration changes audited")
struct ConfigurationAuditTests {
    let original = """
        # Nút xã Nhân Nghĩa
        unit: "05290"
        sync:
          parent: https://157.example:8443
        security:
          bcryptCost: 12
          minimumPasswordLength: 10
        """

    @Test func handEditedConfiguration_isAuditedWithTheKeysThatChanged() throws {
        let store = try NodeStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        // First sighting: kept, not a change; the same text again: nothing.
        #expect(try ConfigurationAudit.note(original, file: "xa.yaml", store: store, at: now) == nil)
        #expect(try ConfigurationAudit.note(original, file: "xa.yaml", store: store, at: now) == nil)

        let edited = original
            .replacingOccurrences(of: "bcryptCost: 12", with: "bcryptCost: 4")
            .replacingOccurrences(of: "https://157.example:8443", with: "https://ke-gian.example:8443")
        let entry = try #require(try ConfigurationAudit.note(edited, file: "xa.yaml", store: store, at: now))
        #expect(entry.action == "config.change")
        #expect(entry.detail?.contains("mục thay đổi: sync.parent, security.bcryptCost") == true, "\(entry.detail ?? "")")

        // Recorded once: the next run sees the edited text as the one in force.
        #expect(try ConfigurationAudit.note(edited, file: "xa.yaml", store: store, at: now) == nil)
        // A comment-only edit is still a change of the file, said as such.
        let commented = try #require(try ConfigurationAudit.note(edited + "\n# ghi chú", file: "xa.yaml", store: store, at: now))
        #expect(commented.detail?.contains("chỉ khoảng trắng, chú thích") == true)
        let log = try store.writer.read { try AuditLog.entries($0) }
        #expect(log.filter { $0.action == "config.change" }.count == 2)
        #expect(try store.writer.read { try AuditLog.verify($0, anchors: []) }.isIntact)
    }
}
