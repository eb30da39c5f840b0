import BaoCaoCore
import Foundation
import GRDB

/// The audit log's rows. Appending is done inside the caller's transaction, so an action
/// and the entry that records it commit together; the chaining itself (which hash an
/// entry carries) is worked out by the audit log in BaoCaoServices.
extension NodeStore {
    /// The newest entry's sequence and hash; nil for an empty log.
    public static func auditHead(in db: Database) throws -> AuditHead? {
        try AuditEntry.all().newestFirst().fetchOne(db).map { AuditHead(sequence: $0.sequence, hash: $0.hash) }
    }

    /// Appends an entry the caller has chained to ``auditHead(in:)``.
    public static func appendAuditEntry(_ entry: AuditEntry, in db: Database) throws {
        try entry.insert(db)
    }

    /// The newest entries first, at most `limit` (every entry when `nil`).
    public static func auditEntries(newestFirst limit: Int?, in db: Database) throws -> [AuditEntry] {
        let request = AuditEntry.all().newestFirst()
        return try (limit.map { request.limit($0) } ?? request).fetchAll(db)
    }

    /// Every entry, oldest first, as the chain is checked.
    public static func auditEntries(in db: Database) throws -> [AuditEntry] {
        try AuditEntry.all().inChainOrder().fetchAll(db)
    }
}
