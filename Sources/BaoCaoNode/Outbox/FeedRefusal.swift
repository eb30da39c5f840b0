import BaoCaoCore
import BaoCaoStore
import Foundation

/// An item of the parent's feed this node refused (too large, malformed, rejected when
/// verified), as the sync client reports it: recorded (``RefusedFeedItem``) and shown on
/// the sync page, in `baocao status` and in `/metrics`.
public struct FeedRefusal: Sendable, Hashable {
    /// The parent's feed cursor after the item.
    public var feedCursor: Int64
    public var bundleId: String?
    public var sender: UnitCode?
    public var size: Int?
    public var code: String
    /// Why, in Vietnamese.
    public var reason: String
    public var refusedAt: Date

    public init(feedCursor: Int64, bundleId: String?, sender: UnitCode?, size: Int?, code: String, reason: String, refusedAt: Date) {
        self.feedCursor = feedCursor
        self.bundleId = bundleId
        self.sender = sender
        self.size = size
        self.code = code
        self.reason = reason
        self.refusedAt = refusedAt
    }

    init(_ record: RefusedFeedItem) {
        self.init(feedCursor: record.feedCursor, bundleId: record.bundleId, sender: record.sender, size: record.size, code: record.code,
                  reason: record.reason, refusedAt: record.refusedAt)
    }

    func record(parent: UnitCode) -> RefusedFeedItem {
        RefusedFeedItem(parent: parent, feedCursor: feedCursor, bundleId: bundleId, sender: sender, size: size, code: code, reason: reason,
                        refusedAt: refusedAt)
    }

    /// The line people read: which bundle, from whom, how large, why.
    public var text: String {
        var words = "Gói tin " + (bundleId.map { String($0.prefix(16)) + "…" } ?? "(không rõ mã)")
        if let sender { words += " của đơn vị \(sender)" }
        if let size { words += " (\(size) byte)" }
        return words + ", lúc \(VietnamTime.displayText(refusedAt)): \(reason)"
    }
}

extension NodeRuntime {
    /// The latest items of the parent's feed this node refused, newest first, and how many
    /// it has refused in all.
    public func refusedFeedItems(limit: Int = 20) throws -> (latest: [FeedRefusal], total: Int) {
        (try store.refusedFeedItems(limit: limit).map(FeedRefusal.init), try store.refusedFeedItemCount())
    }
}
