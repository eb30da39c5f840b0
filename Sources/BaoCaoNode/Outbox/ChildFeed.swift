import BaoCaoCore
import BaoCaoStore
import Foundation

/// What waits to go down to one child, as pages the child reads in order (DESIGN §8): the
/// child asks for what comes after the last cursor it took in, which acknowledges
/// everything up to it. Every method runs off the caller's thread (``BlockingWork``).
public struct ChildFeed: Sendable {
    /// One page: the bundles after a cursor, and the cursor after the last of them.
    public struct Page: Sendable {
        public let bundles: [Data]
        public let cursor: Int64
        /// Whether more waits after this page.
        public let hasMore: Bool
    }

    let store: NodeStore
    let files: BundleFiles
    public let child: UnitCode

    public init(runtime: NodeRuntime, child: UnitCode) {
        self.store = runtime.store
        self.files = runtime.files
        self.child = child
    }

    /// Acknowledges everything up to `cursor`, then reads the page after it: at most
    /// `limit` bundles.
    public func page(after cursor: Int64, limit: Int, at now: Date) async throws -> Page {
        try await BlockingWork.run { [store, files, child] in
            if cursor > 0 { try store.acknowledgeFeed(of: child, through: cursor, at: now) }
            let deliveries = try store.feed(for: child, after: cursor, limit: limit)
            return Page(bundles: try deliveries.map { try files.read($0.bundleId) }, cursor: deliveries.last?.sequence ?? cursor,
                        hasMore: deliveries.count == limit)
        }
    }
}

extension NodeRuntime {
    /// Records how far a child's clock is ahead of this node's (negative: behind), as
    /// measured at a sync.
    public func recordClockSkew(of child: UnitCode, seconds: Int, at now: Date) async throws {
        try await BlockingWork.run { [store] in try store.setClockSkew(unit: child, seconds: seconds, measuredAt: now) }
    }
}
