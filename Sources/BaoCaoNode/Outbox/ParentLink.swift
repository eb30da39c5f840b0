import BaoCaoCore
import BaoCaoStore
import Foundation

/// What a node remembers of its conversation with its parent: how far down the parent's
/// feed it has read, which epoch of the parent it last spoke to, when a round last
/// completed, and where each resumable upload under way is. Every method runs off the
/// caller's thread (``BlockingWork``).
public struct ParentLink: Sendable {
    let store: NodeStore

    public init(runtime: NodeRuntime) {
        self.store = runtime.store
    }

    /// The last feed cursor taken in (0 before the first).
    public func feedCursor() async throws -> Int64 {
        try await BlockingWork.run { [store] in Int64(try store.value(of: .feedCursor) ?? "0") ?? 0 }
    }

    /// Moves the cursor on once every item up to it is committed: asking the parent for
    /// what comes after it acknowledges them.
    public func setFeedCursor(_ cursor: Int64) async throws {
        try await BlockingWork.run { [store] in try store.set(.feedCursor, to: String(cursor)) }
    }

    /// Records the items of `parent`'s feed this node refused and moves the cursor to
    /// `cursor`, past them, in one transaction.
    public func refuse(_ items: [FeedRefusal], of parent: UnitCode, movingCursorTo cursor: Int64) async throws {
        try await BlockingWork.run { [store] in
            try store.recordRefusedFeedItems(items.map { $0.record(parent: parent) }, cursorSetting: .feedCursor, cursor: cursor)
        }
    }

    /// Notes the epoch the parent states; true if it differs from the one last seen (the
    /// parent was restored from a backup), false the first time or when it is the same.
    public func noteParentEpoch(_ epoch: String) async throws -> Bool {
        try await BlockingWork.run { [store] in
            let known = try store.value(of: .parentEpoch)
            if known != epoch { try store.set(.parentEpoch, to: epoch) }
            return known != nil && known != epoch
        }
    }

    /// A round with the parent completed at `instant`.
    public func roundCompleted(at instant: Date) async throws {
        try await BlockingWork.run { [store] in try store.set(.lastSync, to: instant.formatted(.iso8601)) }
    }

    /// Where the parent holds the resumable upload of a bundle under way, if one is.
    public func uploadLocation(of bundleId: String) async throws -> String? {
        try await BlockingWork.run { [store] in try store.value(of: Self.uploadSetting(bundleId)) }
    }

    public func setUploadLocation(_ location: String?, of bundleId: String) async throws {
        try await BlockingWork.run { [store] in
            if let location { try store.set(Self.uploadSetting(bundleId), to: location) } else { try store.remove(Self.uploadSetting(bundleId)) }
        }
    }

    static func uploadSetting(_ bundleId: String) -> NodeSetting { NodeSetting("upload." + bundleId) }
}
