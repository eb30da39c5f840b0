import BaoCaoCore
import Foundation
import GRDB

/// A child's audit-log head as it arrived in one of its bundles, kept at the parent: a row
/// of `auditAnchor`.
///
/// Its columns are mapped by hand rather than by `Codable`: the head is one value here
/// (``AuditHead``) but two columns there, and `receivedAt` is ``StoredTime`` text.
public struct AuditAnchorRecord: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "auditAnchor"

    public enum Columns {
        public static let unitCode = Column("unitCode")
        public static let sequence = Column("sequence")
        public static let hash = Column("hash")
        public static let bundleId = Column("bundleId")
        public static let receivedAt = Column("receivedAt")
    }

    public var unitCode: UnitCode
    public var head: AuditHead
    public var bundleId: String
    public var receivedAt: Date

    public init(unitCode: UnitCode, head: AuditHead, bundleId: String, receivedAt: Date) {
        self.unitCode = unitCode
        self.head = head
        self.bundleId = bundleId
        self.receivedAt = receivedAt
    }

    public init(row: Row) throws {
        unitCode = try row.decode(forColumn: Columns.unitCode)
        head = AuditHead(sequence: row[Columns.sequence], hash: row[Columns.hash])
        bundleId = row[Columns.bundleId]
        receivedAt = StoredTime.date(row[Columns.receivedAt]) ?? .distantPast
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.unitCode] = unitCode
        container[Columns.sequence] = head.sequence
        container[Columns.hash] = head.hash
        container[Columns.bundleId] = bundleId
        container[Columns.receivedAt] = StoredTime.text(receivedAt)
    }
}

extension DerivableRequest<AuditAnchorRecord> {
    /// The anchors held for one child unit.
    public func filter(unitCode: UnitCode) -> Self {
        filter(AuditAnchorRecord.Columns.unitCode == unitCode)
    }
}
