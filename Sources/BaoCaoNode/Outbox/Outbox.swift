import BaoCaoCore
import BaoCaoStore
import Foundation

/// What waits to go up to the parent, and what each answer does to it (DESIGN §8).
///
/// A bundle leaves the outbox only when the parent has it or refuses it for good. Every
/// other answer — "not stored yet", "signed ahead of my clock", an answer this node does
/// not understand — leaves it queued and offered again, later each time (``RetryPolicy``),
/// so a bundle that can never be stored does not hold up the others. Every method runs off
/// the caller's thread (``BlockingWork``).
public struct Outbox: Sendable {
    /// One bundle waiting to go up.
    public struct Item: Sendable, Hashable {
        public let bundleId: String
        /// How often the parent has answered it without settling it.
        public let attempts: Int
    }

    let store: NodeStore
    let files: BundleFiles
    /// The parent unit the outbox sends to.
    public let parent: UnitCode
    /// How long to wait before offering a bundle again after an answer that settled
    /// nothing, by how many such answers it has had. The default waits 30 seconds after
    /// the first, doubling to at most an hour.
    public var backoff = RetryPolicy(base: 30, maximum: 3600)
    /// A number in 0…1 for the backoff's jitter; injected so tests can pin it.
    public var random: @Sendable () -> Double = { Double.random(in: 0...1) }

    public init(runtime: NodeRuntime, parent: UnitCode) {
        self.store = runtime.store
        self.files = runtime.files
        self.parent = parent
    }

    /// The bundles to offer now, oldest first: pending, and not waiting after an answer.
    /// A wait longer than the backoff's maximum can only come from a clock set back since
    /// (a commune that corrected a fast clock): such a bundle is offered at once.
    ///
    /// With `waitingToo` every pending bundle is offered, its wait cut short: a person
    /// asked to sync now.
    public func due(at now: Date, waitingToo: Bool = false) async throws -> [Item] {
        let maximumWait = backoff.maximum
        return try await BlockingWork.run { [store, parent] in
            try store.pendingDeliveries(direction: .up, destination: parent, dueAt: waitingToo ? nil : now, maximumWait: maximumWait)
                .map { Item(bundleId: $0.bundleId, attempts: $0.attempts) }
        }
    }

    /// A waiting bundle's bytes.
    public func bytes(of item: Item) async throws -> Data {
        try await BlockingWork.run { [files] in try files.read(item.bundleId) }
    }

    /// Books the parent's answer for one bundle.
    public func record(_ answer: ParentAnswer, for item: Item, at now: Date) async throws {
        try await record([(item, answer)], at: now)
    }

    /// Books the parent's answers for many bundles.
    public func record(_ answers: [(Item, ParentAnswer)], at now: Date) async throws {
        let backoff = backoff
        let random = random
        // One transaction for them all: a batch of hundreds answered is one flush, not hundreds.
        let settlements = answers.map { item, answer -> (bundleId: String, settlement: NodeStore.Settlement) in
            let wait = backoff.delay(afterFailures: item.attempts + 1, random: random())
            switch answer {
            case .taken:
                return (item.bundleId, .acknowledged)
            case .refused(let code, let reason):
                return (item.bundleId, .refused(reason: "\(reason) [\(code)]"))
            case .postponed(let code, let reason, _):
                // The parent's "not before" is by its clock, which this node's may not match:
                // the backoff alone decides, bounded, so a clock put right is not waited out.
                return (item.bundleId, .postponed(answer: "\(reason) [\(code)]", retryAt: now.addingTimeInterval(wait), unsettled: false))
            case .unrecognized(let raw):
                return (item.bundleId, .postponed(answer: raw, retryAt: now.addingTimeInterval(wait), unsettled: true))
            }
        }
        try await BlockingWork.run { [store, parent] in
            try store.settle(settlements, destination: parent, at: now)
        }
    }

    /// Offers again what the parent acknowledged since `since` (everything when `nil`):
    /// the parent was restored from a backup and may have lost it.
    public func reopen(since: Date?) async throws {
        try await BlockingWork.run { [store, parent] in _ = try store.reopenDeliveries(to: parent, since: since) }
    }
}
