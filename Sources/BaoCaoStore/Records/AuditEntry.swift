import Foundation
import GRDB

/// One entry of the node's append-only, hash-chained audit log: a row of `auditEntry`.
///
/// The store keeps entries; how they chain (each hash covering the previous one) is the
/// audit log's own business, in BaoCaoServices. Triggers refuse any update or delete of a
/// row, so this record is only ever inserted and read.
public struct AuditEntry: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "auditEntry"

    public enum Columns {
        public static let sequence = Column(CodingKeys.sequence)
        public static let at = Column(CodingKeys.at)
        public static let actor = Column(CodingKeys.actor)
        public static let action = Column(CodingKeys.action)
        public static let object = Column(CodingKeys.object)
        public static let detail = Column(CodingKeys.detail)
        public static let previousHash = Column(CodingKeys.previousHash)
        public static let hash = Column(CodingKeys.hash)
    }

    public let sequence: Int64
    /// UTC, as stored (``StoredTime``); the hash covers this exact text, so it stays text.
    public let at: String
    public let actor: String
    public let action: String
    public let object: String?
    public let detail: String?
    public let previousHash: String
    public let hash: String

    public var instant: Date? { StoredTime.date(at) }

    public init(sequence: Int64, at: String, actor: String, action: String, object: String?, detail: String?, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.object = object
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Read column by column rather than through `Decodable`: checking the chain reads every
    /// entry the node ever wrote.
    public init(row: Row) throws {
        sequence = row[Columns.sequence]
        at = row[Columns.at]
        actor = row[Columns.actor]
        action = row[Columns.action]
        object = row[Columns.object]
        detail = row[Columns.detail]
        previousHash = row[Columns.previousHash]
        hash = row[Columns.hash]
    }

    /// Written column by column too: every action of every person and node appends one.
    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.sequence] = sequence
        container[Columns.at] = at
        container[Columns.actor] = actor
        container[Columns.action] = action
        container[Columns.object] = object
        container[Columns.detail] = detail
        container[Columns.previousHash] = previousHash
        container[Columns.hash] = hash
    }
}

extension DerivableRequest<AuditEntry> {
    /// Oldest first, the order the chain is written and checked in.
    public func inChainOrder() -> Self {
        order(AuditEntry.Columns.sequence)
    }

    /// Newest first, the order people read the log in.
    public func newestFirst() -> Self {
        order(AuditEntry.Columns.sequence.desc)
    }
}
