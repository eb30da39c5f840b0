import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

@Suite("Audit log: hash chain, tampering named, anchors")
struct AuditLogTests {
    /// A log of `count` entries, with the triggers that keep it append-only dropped, as an
    /// intruder with the database file would.
    func log(_ count: Int) throws -> NodeStore {
        let store = try NodeStore.inMemory()
        let actor = StaffMember(userId: 1, login: "quantri", displayName: "Quản trị", roles: [.admin])
        try store.writer.write { db in
            for n in 1...count {
                try AuditLog.append(db, actor: actor, action: AuditAction("report.set"), object: "BC-\(n)",
                                    detail: n == 3 ? "giá trị 1.250" : nil, at: Date(timeIntervalSince1970: 1_790_000_000 + Double(n)))
            }
        }
        return store
    }

    func tamper(_ store: NodeStore, _ sql: String) throws {
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noUpdate; DROP TRIGGER auditEntry_noDelete;")
            try db.execute(sql: sql)
        }
    }

    func verify(_ store: NodeStore, anchors: [AuditHead] = []) throws -> AuditVerification {
        try store.writer.read { try AuditLog.verify($0, anchors: anchors) }
    }

    @Test func cleanLog_verifies_andHeadIsItsLastEntry() throws {
        let store = try log(6)
        let result = try verify(store)
        #expect(result.isIntact && result.entries == 6)
        let entries = try store.writer.read { try AuditLog.entries($0) }
        #expect(entries.last?.previousHash == AuditLog.genesisHash)
        #expect(try store.writer.read { try AuditLog.headAnchor($0) } == "6:\(entries[0].hash)")
        #expect(AuditLog.parseAnchor("6:\(entries[0].hash)") == AuditHead(sequence: 6, hash: entries[0].hash))
        #expect(AuditLog.parseAnchor("6:xyz") == nil && AuditLog.parseAnchor("0:\(entries[0].hash)") == nil)
        // The store refuses edits outright while the triggers are there.
        #expect(throws: DatabaseError.self) { try store.writer.write { try $0.execute(sql: "DELETE FROM auditEntry WHERE sequence = 2") } }
    }

    @Test func editedEntry_isNamed() throws {
        let store = try log(6)
        try tamper(store, "UPDATE auditEntry SET detail = 'giá trị 9.999' WHERE sequence = 3")
        let problem = try #require(try verify(store).problem)
        #expect(problem.kind == .edited && problem.sequence == 3)
        #expect(problem.message.hasPrefix("Mục số 3 đã bị sửa"))
    }

    @Test func editedAndRehashedEntry_isNamed() throws {
        let store = try log(6)
        let entries = try store.writer.read { try AuditLog.entries($0) }.reversed().map { $0 }
        let e = entries[3]  // sequence 4, rewritten with a fresh hash of its own
        let forged = AuditLogTesting.hash(previousHash: e.previousHash, sequence: 4, at: e.at, actor: "ai-do", action: e.action, object: e.object, detail: e.detail)
        try tamper(store, "UPDATE auditEntry SET actor = 'ai-do', hash = '\(forged)' WHERE sequence = 4")
        let problem = try #require(try verify(store).problem)
        #expect(problem.kind == .edited && problem.sequence == 4, "\(problem)")
    }

    @Test func deletedEntry_isNamed() throws {
        let store = try log(6)
        try tamper(store, "DELETE FROM auditEntry WHERE sequence = 4")
        let problem = try #require(try verify(store).problem)
        #expect(problem.kind == .deleted && problem.sequence == 4)
        #expect(problem.message.hasPrefix("Mục số 4 đã bị xóa"))
    }

    @Test func deletedEntryWithTheRestRenumbered_isNamed() throws {
        let store = try log(6)
        try tamper(store, "DELETE FROM auditEntry WHERE sequence = 2; UPDATE auditEntry SET sequence = sequence - 1 WHERE sequence > 2")
        let problem = try #require(try verify(store).problem)
        #expect(problem.kind == .deleted && problem.sequence == 2, "\(problem)")
    }

    @Test func swappedEntries_areNamed() throws {
        let store = try log(6)
        try tamper(store, """
            UPDATE auditEntry SET sequence = -1 WHERE sequence = 3;
            UPDATE auditEntry SET sequence = 3 WHERE sequence = 4;
            UPDATE auditEntry SET sequence = 4 WHERE sequence = -1;
            """)
        let problem = try #require(try verify(store).problem)
        #expect(problem.kind == .reordered && problem.sequence == 3, "\(problem)")
        #expect(problem.message.contains("vốn là mục số 4"))
    }

    @Test func truncatedTail_isCaughtByAnAnchor() throws {
        let store = try log(6)
        let anchor = try #require(try store.writer.read { try AuditLog.head($0) })
        #expect(try verify(store, anchors: [anchor]).isIntact)
        try tamper(store, "DELETE FROM auditEntry WHERE sequence >= 5")
        #expect(try verify(store).isIntact)  // alone, a shorter log looks fine
        let problem = try #require(try verify(store, anchors: [anchor]).problem)
        #expect(problem.kind == .truncated && problem.sequence == 5, "\(problem)")
        #expect(problem.message.contains("chỉ còn đến mục số 4"))
    }

    @Test func rechainedLog_isCaughtByAnAnchor() throws {
        let store = try log(6)
        let early = try #require(try store.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEntry WHERE sequence = 2").map { AuditHead(sequence: $0["sequence"], hash: $0["hash"]) }
        })
        let anchor = try #require(try store.writer.read { try AuditLog.head($0) })
        // Rewrite entry 3 and re-chain everything after it: consistent on its own.
        let entries = try store.writer.read { try AuditLog.entries($0) }.reversed().map { $0 }
        var previous = entries[1].hash
        var sql = "DROP TRIGGER auditEntry_noUpdate; DROP TRIGGER auditEntry_noDelete;"
        for e in entries[2...] {
            let detail = e.sequence == 3 ? "giá trị 9.999" : e.detail
            let hash = AuditLogTesting.hash(previousHash: previous, sequence: e.sequence, at: e.at, actor: e.actor, action: e.action, object: e.object, detail: detail)
            sql += "UPDATE auditEntry SET detail = \(detail.map { "'\($0)'" } ?? "NULL"), previousHash = '\(previous)', hash = '\(hash)' WHERE sequence = \(e.sequence);"
            previous = hash
        }
        try store.writer.write { try $0.execute(sql: sql) }
        #expect(try verify(store).isIntact)
        let problem = try #require(try verify(store, anchors: [early, anchor]).problem)
        #expect(problem.kind == .rechained && problem.sequence == 6, "\(problem)")
        #expect(problem.message.contains("còn khớp đến mục số 2"))
    }
}

/// The chain's hash, recomputed independently of the log's code, as the design states it.
enum AuditLogTesting {
    static func hash(previousHash: String, sequence: Int64, at: String, actor: String, action: String, object: String?, detail: String?) -> String {
        var text = previousHash
        for field in [String(sequence), at, actor, action, object, detail] as [String?] {
            text += field.map { "\($0.utf8.count):\($0)" } ?? "-"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
