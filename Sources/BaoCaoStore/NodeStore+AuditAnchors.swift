import BaoCaoCore
import Foundation
import GRDB

/// Audit heads held as anchors: the heads of descendants and ancestors that their bundles
/// carried (what lets a parent catch a child's log that was truncated or re-chained, and a
/// child its province's), and the heads of this node's own log that others say they hold
/// (a parent's receipts, a child's relayed heads) — what ``auditAnchorsHeld(of:)`` reads.
extension NodeStore {
    /// Keeps the audit head a verified bundle from `unitCode` carried, in the transaction
    /// that records the bundle. The same bundle twice is kept once.
    public static func recordAuditAnchor(_ anchor: AuditAnchorRecord, in db: Database) throws {
        try anchor.insert(db, onConflict: .ignore)
    }

    /// The anchors held for a unit, by sequence then arrival.
    public func auditAnchors(of unitCode: UnitCode) throws -> [AuditAnchorRecord] {
        try writer.read { db in
            try AuditAnchorRecord.all().filter(unitCode: unitCode)
                .order(AuditAnchorRecord.Columns.sequence, AuditAnchorRecord.Columns.receivedAt, AuditAnchorRecord.Columns.bundleId)
                .fetchAll(db)
        }
    }

    /// The head of `unitCode`'s log that arrived here last, to relay back to it
    /// (`about["parentAuditHead"]`); nil when none did.
    public static func newestAuditAnchor(of unitCode: UnitCode, in db: Database) throws -> AuditHead? {
        try AuditAnchorRecord.all().filter(unitCode: unitCode)
            .order(AuditAnchorRecord.Columns.receivedAt.desc, AuditAnchorRecord.Columns.sequence.desc)
            .fetchOne(db)?.head
    }

    /// The heads of `unit`'s own log (this node's) that other units hold, each with the unit
    /// whose signed bundle brought it, by sequence.
    public func auditAnchorsHeld(of unit: UnitCode) throws -> [HeldAuditAnchor] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT auditAnchor.*, bundle.sender AS heldBy FROM auditAnchor
                JOIN bundle ON bundle.id = auditAnchor.bundleId
                WHERE auditAnchor.unitCode = ? AND bundle.sender <> auditAnchor.unitCode
                ORDER BY auditAnchor.sequence, auditAnchor.receivedAt, auditAnchor.bundleId
                """, arguments: [unit.rawValue])
            return try rows.map { row in
                HeldAuditAnchor(anchor: try AuditAnchorRecord(row: row), heldBy: try row.decode(forColumn: "heldBy"))
            }
        }
    }
}
