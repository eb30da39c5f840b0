import BaoCaoCore
import Foundation
import GRDB

/// The children's audit heads held as anchors (`baocao audit verify --anchors`): what lets
/// a parent catch a child's log that was truncated or re-chained.
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
}
