import BaoCaoCore
import BaoCaoStore
import Foundation

/// What waits to go down to one child, as pages the child reads in order (DESIGN §8): the
/// child asks for what comes after the last cursor it took in, which acknowledges
/// everything up to it. A page holds at most ``maximumPageBytes`` of bundles — or exactly
/// one bundle when that one alone is larger — and at most ``maximumPageCount``. Every
/// method runs off the caller's thread (``BlockingWork``).
public struct ChildFeed: Sendable {
    /// The most bytes of bundles on one page: 8 MiB.
    public static let maximumPageBytes = 8 << 20
    /// The most bundles on one page: 100.
    public static let maximumPageCount = 100

    /// One bundle of a page, and the cursor after it.
    public struct Item: Sendable, Hashable {
        public let bundleId: String
        public let cursor: Int64
        public let size: Int
        public let sender: UnitCode
    }

    /// One page: its bundles, and the cursor after the last of them.
    public struct Page: Sendable {
        public let items: [Item]
        public let cursor: Int64
        /// Whether more waits after this page.
        public let hasMore: Bool
        /// The bundles' total size.
        public var bytes: Int { items.reduce(0) { $0 + $1.size } }
    }

    let store: NodeStore
    let files: BundleFiles
    public let child: UnitCode

    public init(runtime: NodeRuntime, child: UnitCode) {
        self.store = runtime.store
        self.files = runtime.files
        self.child = child
    }

    /// Acknowledges everything up to `cursor`, then reads the page after it.
    public func page(after cursor: Int64, maximumBytes: Int = Self.maximumPageBytes, maximumCount: Int = Self.maximumPageCount,
                     at now: Date) async throws -> Page {
        try await BlockingWork.run { [store, child] in
            if cursor > 0 { try store.acknowledgeFeed(of: child, through: cursor, at: now) }
            let (entries, hasMore) = try store.feedPage(for: child, after: cursor, maximumCount: maximumCount, maximumBytes: maximumBytes)
            let items = entries.map {
                Item(bundleId: $0.delivery.bundleId, cursor: $0.delivery.sequence ?? cursor, size: $0.size, sender: $0.sender)
            }
            return Page(items: items, cursor: items.last?.cursor ?? cursor, hasMore: hasMore)
        }
    }

    /// The bytes of one item's bundle, read as the page is sent: a page holds at most
    /// ``maximumPageBytes`` of bundles, or one bundle larger than that.
    public func contents(of item: Item) async throws -> Data {
        try await BlockingWork.run { [files] in try files.read(item.bundleId) }
    }
}

extension NodeRuntime {
    /// Records how far a child's clock is ahead of this node's (negative: behind), as
    /// measured at a sync.
    public func recordClockSkew(of child: UnitCode, seconds: Int, at now: Date) async throws {
        try await BlockingWork.run { [store] in try store.setClockSkew(unit: child, seconds: seconds, measuredAt: now) }
    }
}
