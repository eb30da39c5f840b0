import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// Whether the node already holds a bundle.
    public func holdsBundle(id: String) throws -> Bool {
        try writer.read { try Self.holdsBundle(id: id, in: $0) }
    }

    /// The same inside the caller's transaction. Asked for every bundle offered: the
    /// statement is prepared once per connection (GRDB's `exists(_:key:)` prepares its
    /// query anew each time, and that was most of the cost).
    static func holdsBundle(id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM bundle WHERE id = ?)"), arguments: [id]) ?? false
    }

    public func bundle(id: String) throws -> StoredBundle? {
        try writer.read { try Self.bundle(id: id, in: $0) }
    }

    /// The same inside the caller's transaction, with a statement prepared once per
    /// connection: a list of received reports asks it for each of thousands.
    public static func bundle(id: String, in db: Database) throws -> StoredBundle? {
        try StoredBundle.fetchOne(db.cachedStatement(sql: "SELECT * FROM bundle WHERE id = ?"), arguments: [id])
    }

    /// Records a bundle and where it must go, in one transaction; does nothing and
    /// returns `false` if the bundle is already held (the bundle id is the idempotency key).
    ///
    /// The caller writes the bytes with ``BundleFiles`` first. `extra` bundles made because
    /// of this one (its receipt) are recorded in the same transaction, and so is `apply`,
    /// for what the bundle changes locally (a release put in force).
    @discardableResult
    public func record(_ bundle: StoredBundle, deliveries: [Delivery], alongside extra: [(StoredBundle, [Delivery])] = [],
                       apply: ((Database) throws -> Void)? = nil) throws -> Bool {
        try writer.write { db in try Self.record((bundle, deliveries, extra), applying: apply, in: db) }
    }

    /// A bundle to record, its deliveries, and the bundles recorded with it (its receipt).
    public typealias BundleEntry = (bundle: StoredBundle, deliveries: [Delivery], extra: [(StoredBundle, [Delivery])])

    /// Records a bundle in `db`'s transaction, with what comes with it; whether it was new
    /// (nothing is changed for a bundle already held).
    static func record(_ entry: BundleEntry, applying apply: ((Database) throws -> Void)?, in db: Database) throws -> Bool {
        if try holdsBundle(id: entry.bundle.id, in: db) { return false }
        for (item, itemDeliveries) in [(entry.bundle, entry.deliveries)] + entry.extra where try !holdsBundle(id: item.id, in: db) {
            try item.insert(db)
            for delivery in itemDeliveries { try delivery.insert(db) }
        }
        try apply?(db)
        return true
    }

    /// Queues a delivery, replacing any earlier one of the same bundle to the same
    /// neighbour, so that it is offered afresh (it goes to the end of the feed).
    public static func replaceDelivery(_ delivery: Delivery, in db: Database) throws {
        try Delivery.filter(Column("bundleId") == delivery.bundleId && Column("destination") == delivery.destination).deleteAll(db)
        try delivery.insert(db)
    }

    /// Pending deliveries in one direction, optionally to one neighbour, oldest first;
    /// with `dueAt`, only those not waiting to be offered again after that time — unless
    /// the wait left is longer than `maximumWait`, which only a clock set back can make.
    public func pendingDeliveries(direction: Delivery.Direction, destination: UnitCode? = nil, dueAt instant: Date? = nil,
                                  maximumWait: TimeInterval = .infinity) throws -> [Delivery] {
        try writer.read { db in
            var request = Delivery.filter(Column("direction") == direction.rawValue && Column("state") == Delivery.State.pending.rawValue)
            if let destination { request = request.filter(Column("destination") == destination) }
            if let instant {
                var due = Column("retryAt") == nil || Column("retryAt") <= instant
                if maximumWait.isFinite { due = due || Column("retryAt") > instant.addingTimeInterval(maximumWait) }
                request = request.filter(due)
            }
            return try request.order(Column("sequence")).fetchAll(db)
        }
    }

    /// The neighbour answered without settling a delivery: it stays pending, is not
    /// offered again before `retryAt`, and keeps the answer as it came. `unsettled` says
    /// the answer was one this node does not understand (from then on, until an answer it
    /// does, `unsettledSince` keeps the first time); an understood "offer again later"
    /// clears it.
    public func postpone(bundleId: String, destination: UnitCode, answer: String, retryAt: Date, unsettled: Bool, at instant: Date) throws {
        try settle([(bundleId, .postponed(answer: answer, retryAt: retryAt, unsettled: unsettled))], destination: destination, at: instant)
    }

    /// Pending deliveries whose neighbour's answers have not been understood since
    /// `instant` or earlier, oldest first.
    public func deliveries(unsettledSince instant: Date) throws -> [Delivery] {
        try writer.read { db in
            try Delivery.filter(Column("state") == Delivery.State.pending.rawValue && Column("unsettledSince") <= instant)
                .order(Column("unsettledSince")).fetchAll(db)
        }
    }

    /// Pending deliveries that a neighbour has answered at least once without settling,
    /// for the page that says why a bundle does not leave.
    public func postponedDeliveries() throws -> [Delivery] {
        try writer.read { db in
            try Delivery.filter(Column("state") == Delivery.State.pending.rawValue && Column("lastAnswer") != nil)
                .order(Column("sequence")).fetchAll(db)
        }
    }

    /// Marks a delivery done: the neighbour has the bundle.
    public func acknowledge(bundleId: String, destination: UnitCode, at instant: Date) throws {
        try settle([(bundleId, .acknowledged)], destination: destination, at: instant)
    }
}

extension NodeStore {
    /// A child's downward feed: deliveries to it after `cursor`, oldest first.
    public func feed(for child: UnitCode, after cursor: Int64, limit: Int) throws -> [Delivery] {
        try writer.read { db in
            try Delivery.filter(Column("direction") == Delivery.Direction.down.rawValue && Column("destination") == child
                                && Column("sequence") > cursor && Column("state") != Delivery.State.refused.rawValue)
                .order(Column("sequence")).limit(limit).fetchAll(db)
        }
    }

    /// The next page of a child's feed: the deliveries after `cursor`, in order, each with
    /// its bundle's size and sender — at most `maximumCount` of them, together at most
    /// `maximumBytes`, except that the first is always there, however large (a page of
    /// exactly that one item). `hasMore` says whether more waits after them.
    public func feedPage(for child: UnitCode, after cursor: Int64, maximumCount: Int,
                         maximumBytes: Int) throws -> (entries: [FeedEntry], hasMore: Bool) {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT delivery.*, bundle.size AS bundleSize, bundle.sender AS bundleSender
                FROM delivery JOIN bundle ON bundle.id = delivery.bundleId
                WHERE delivery.direction = 'down' AND delivery.destination = ? AND delivery.sequence > ? AND delivery.state != 'refused'
                ORDER BY delivery.sequence LIMIT ?
                """, arguments: [child, cursor, maximumCount + 1])
            var entries: [FeedEntry] = []
            var bytes = 0
            while let row = try rows.next() {
                let size: Int = row["bundleSize"]
                if entries.count == maximumCount || (!entries.isEmpty && bytes + size > maximumBytes) { return (entries, true) }
                entries.append(FeedEntry(delivery: try Delivery(row: row), size: size, sender: row["bundleSender"]))
                bytes += size
            }
            return (entries, false)
        }
    }

    /// The child has everything in its feed up to `cursor`: it asked for what comes after.
    public func acknowledgeFeed(of child: UnitCode, through cursor: Int64, at instant: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE delivery SET state = 'acknowledged', acknowledgedAt = ?
                WHERE direction = 'down' AND destination = ? AND sequence <= ? AND state = 'pending'
                """, arguments: [instant, child, cursor])
        }
    }

    /// The neighbour refused the bundle; it will not be offered again.
    public func refuse(bundleId: String, destination: UnitCode, reason: String, at instant: Date) throws {
        try settle([(bundleId, .refused(reason: reason))], destination: destination, at: instant)
    }

    /// How many deliveries wait in each direction, for health and metrics.
    public func pendingCounts() throws -> (up: Int, down: Int) {
        try writer.read { db in
            let pending = Delivery.filter(Column("state") == Delivery.State.pending.rawValue)
            let up = try pending.filter(Column("direction") == Delivery.Direction.up.rawValue).fetchCount(db)
            let down = try pending.filter(Column("direction") == Delivery.Direction.down.rawValue).fetchCount(db)
            return (up, down)
        }
    }
}

extension NodeSetting {
    /// The last feed cursor this node took in from its parent.
    public static let feedCursor = NodeSetting("feedCursor")
    /// When this node last completed a sync round with its parent (ISO 8601, UTC).
    public static let lastSync = NodeSetting("lastSync")
}

extension NodeStore {
    /// Offers again what was delivered to a neighbour since `since` (everything when
    /// `nil`): the neighbour was restored from a backup and may have lost it. Returns
    /// how many deliveries were reopened.
    @discardableResult
    public func reopenDeliveries(to destination: UnitCode, since: Date?) throws -> Int {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE delivery SET state = 'pending', acknowledgedAt = NULL, retryAt = NULL
                WHERE destination = ? AND state = 'acknowledged' AND (? IS NULL OR acknowledgedAt >= ?)
                """, arguments: [destination, since, since])
            return db.changesCount
        }
    }
}

/// One item of a child's feed: the delivery, and the size and sender of its bundle.
public struct FeedEntry: Sendable, Hashable {
    public let delivery: Delivery
    public let size: Int
    public let sender: UnitCode
}
