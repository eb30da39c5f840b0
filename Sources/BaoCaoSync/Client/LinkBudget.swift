import Synchronization

/// How much one request to the parent may carry, learned from the link: halved each time
/// a request is cut off, doubled back after each that gets through. A link that drops
/// every few hundred kilobytes would otherwise see the same batch cut at the same place
/// forever; with the budget, batches shrink until they fit, and a bundle larger than the
/// budget goes by resumable upload, which survives the cuts.
public final class LinkBudget: Sendable {
    /// The smallest budget: below this, batches are single bundles anyway.
    public static let floor = 16 << 10
    private let current: Mutex<Int>
    private let ceiling: Int

    public init(ceiling: Int = 1 << 20) {
        self.ceiling = ceiling
        current = Mutex(ceiling)
    }

    /// The bytes one request may carry now.
    public var bytes: Int { current.withLock { $0 } }

    /// A request was cut off before its answer came.
    public func shrink() {
        current.withLock { $0 = max(Self.floor, $0 / 2) }
    }

    /// A request went through.
    public func grow() {
        current.withLock { $0 = min(ceiling, $0 * 2) }
    }
}
