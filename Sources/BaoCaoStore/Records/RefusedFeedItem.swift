import BaoCaoCore
import Foundation
import GRDB

/// An item of the parent's feed this node refused — too large to take, malformed, or
/// refused when it was verified — and moved its cursor past: a row of `refusedFeedItem`.
/// Kept so that a refusal is never silent (the sync page, `baocao status`, `/metrics`).
public struct RefusedFeedItem: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "refusedFeedItem"

    public var id: Int64?
    /// The parent whose feed held it.
    public var parent: UnitCode
    /// The parent's feed cursor after the item.
    public var feedCursor: Int64
    /// The bundle's id, when known (its signature verified, or the parent named it).
    public var bundleId: String?
    /// Who sent it, when known.
    public var sender: UnitCode?
    /// Its size in bytes, when known.
    public var size: Int?
    /// Why, as a code to match on (`feedItemTooLarge`, `feedItemMalformed`, or the verifier's).
    public var code: String
    /// Why, for people (Vietnamese).
    public var reason: String
    public var refusedAt: Date

    public init(parent: UnitCode, feedCursor: Int64, bundleId: String?, sender: UnitCode?, size: Int?, code: String, reason: String,
                refusedAt: Date) {
        self.parent = parent
        self.feedCursor = feedCursor
        self.bundleId = bundleId
        self.sender = sender
        self.size = size
        self.code = code
        self.reason = reason
        self.refusedAt = refusedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension NodeStore {
    /// Records refusals and moves the feed cursor (`cursorSetting`) to `cursor` in one
    /// transaction: a refusal is never lost and never recorded twice for the same place.
    public func recordRefusedFeedItems(_ items: [RefusedFeedItem], cursorSetting: NodeSetting, cursor: Int64) throws {
        try writer.write { db in
            for var item in items { try item.insert(db) }
            try Self.set(cursorSetting, to: String(cursor), in: db)
        }
    }

    /// The latest refusals, newest first.
    public func refusedFeedItems(limit: Int = 50) throws -> [RefusedFeedItem] {
        try writer.read { try RefusedFeedItem.order(Column("id").desc).limit(limit).fetchAll($0) }
    }

    /// How many feed items this node has refused, ever.
    public func refusedFeedItemCount() throws -> Int {
        try writer.read { try RefusedFeedItem.fetchCount($0) }
    }
}
