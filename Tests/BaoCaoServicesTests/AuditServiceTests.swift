import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

@Suite("Audit: who reads the log, and which anchors a parent hands out")
struct AuditServiceTests {
    static func service() throws -> AuditService {
        let store = try Fixtures.store()
        try AuditLog.append(to: store, actor: "node", action: AuditAction("node.init"), object: "unit:148", detail: nil, at: Date())
        return AuditService(store: store, home: Fixtures.home)
    }

    /// Only the admin and the leader read or check the log; the clerk is told which roles may.
    @Test func onlyAdminAndLeader_readTheLog() throws {
        let service = try Self.service()
        let clerk = SignedNodes.person("nhaplieu", [.dataEntry, .aggregator])
        let forbidden = ServiceError(.forbidden, message: "", log: "")
        let refusal = #expect(throws: ServiceError.self) { try service.entries(by: clerk) }
        #expect(refusal?.code == .forbidden)
        #expect(refusal?.message == "nhaplieu không có quyền xem nhật ký hệ thống; cần vai trò quản trị hoặc lãnh đạo.")
        #expect(throws: forbidden) { try service.verify(by: clerk) }
        #expect(throws: forbidden) { try service.anchors(of: "04801", by: clerk) }
        #expect(try service.entries(by: SignedNodes.person("lanhdao", [.approver])).map(\.action) == ["node.init"])
        #expect(try service.verify(by: SignedNodes.person("quantri", [.admin])).isIntact)
    }

    /// A parent hands out anchors for the units below it, and nobody else's.
    @Test func anchors_onlyForUnitsBelow() throws {
        let service = try Self.service()
        let admin = SignedNodes.person("quantri", [.admin])
        #expect(try service.anchors(of: "04801", by: admin).isEmpty)
        for outside: UnitCode in ["04901", "149", "17", "KHONG"] {
            #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try service.anchors(of: outside, by: admin) }
        }
    }

    /// Anchors are checked only against the log of the unit they belong to; a wrong hash
    /// is a problem found, not an error.
    @Test func verify_againstAnchors_ofThisUnitOnly() throws {
        let service = try Self.service()
        let admin = SignedNodes.person("quantri", [.admin])
        let head = try #require(try service.verify(by: admin).head)
        let other = AuditAnchors(unit: "149", heads: [head], source: "moc-neo.json")
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try service.verify(against: other, by: admin) }
        #expect(try service.verify(against: AuditAnchors(unit: "148", heads: [head], source: "moc-neo.json"), by: admin).isIntact)
        let rebuilt = AuditHead(sequence: head.sequence, hash: String(repeating: "a", count: 64))
        let verdict = try service.verify(against: AuditAnchors(unit: "148", heads: [rebuilt], source: "moc-neo.json"), by: admin)
        #expect(verdict.problem?.kind == .rechained)
    }
}
