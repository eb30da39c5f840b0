import BaoCaoCore
import Foundation
import GRDB

/// The audit log's rows. Appending is done inside the caller's transaction, so an action
/// and the entry that records it commit together; the chaining itself (which hash an
/// entry carries) is worked out by the audit log in BaoCaoServices.
extension NodeStore {
    /// The newest entry's sequence and hash; nil for an empty log.
    public static func auditHead(in db: Database) throws -> AuditHead? {
        // Read before every entry appended (an "accept all" appends one per report): one
        // statement prepared per connection, reading the two columns it needs.
        let statement = try db.cachedStatement(sql: "SELECT sequence, hash FROM auditEntry ORDER BY sequence DESC LIMIT 1")
        return try Row.fetchOne(statement).map { AuditHead(sequence: $0[0], hash: $0[1]) }
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
