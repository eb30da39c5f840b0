import BaoCaoCore
import Foundation
import GRDB

/// Transfers of personnel records (seed 003 art. 10.2) as this node took part in them:
/// what was sent, forwarded, received and acknowledged, for the transfer list and the
/// overdue list. Inside the caller's transaction.
extension NodeStore {
    /// Records this node's part in a transfer (a row per transfer bundle; a second write of
    /// the same bundle replaces the first).
    public static func recordPersonnelTransfer(_ transfer: PersonnelTransferRow, in db: Database) throws {
        try transfer.save(db)
    }

    /// The transfer a bundle began, or `nil`.
    public static func personnelTransfer(bundleId: String, in db: Database) throws -> PersonnelTransferRow? {
        try PersonnelTransferRow.fetchOne(db, key: bundleId)
    }

    /// Every transfer this node took part in, newest decision first.
    public static func personnelTransfers(in db: Database) throws -> [PersonnelTransferRow] {
        try PersonnelTransferRow.order(Column("decisionEffectiveOn").desc, PersonnelTransferRow.Columns.bundleId).fetchAll(db)
    }

    /// Marks a received transfer forwarded to the employing unit in `forwardBundleId`.
    public static func markPersonnelTransferForwarded(bundleId: String, forwardBundleId: String, at instant: Date, in db: Database) throws {
        guard var row = try personnelTransfer(bundleId: bundleId, in: db) else { return }
        row.forwardBundleId = forwardBundleId
        row.forwardedAt = instant
        try row.update(db)
    }

    /// Marks acknowledged the transfer whose bundle — or forwarded bundle — `receiptFor` is,
    /// when its final recipient's receipt arrives; the first receipt's time stands.
    /// Returns whether one was.
    @discardableResult
    public static func markPersonnelTransferAcknowledged(receiptFor bundleId: String, at instant: Date, in db: Database) throws -> Bool {
        let rows = try PersonnelTransferRow
            .filter(PersonnelTransferRow.Columns.bundleId == bundleId || PersonnelTransferRow.Columns.forwardBundleId == bundleId)
            .fetchAll(db)
        for var row in rows where row.acknowledgedAt == nil {
            row.acknowledgedAt = instant
            try row.update(db)
        }
        return !rows.isEmpty
    }
}
