import BaoCaoCore
import BaoCaoStore
import Foundation

/// Bundles a neighbour keeps answering without settling: what the sync page lists, and
/// what makes `/healthz` say the node is degraded once it has lasted a day.
public struct UnsettledBundle: Sendable, Hashable {
    public let bundleId: String
    public let destination: UnitCode
    /// The neighbour's last answer, as it came.
    public let lastAnswer: String
    public let attempts: Int
    /// When it is offered next.
    public let retryAt: Date?
    /// Since when the answers have not been understood; `nil` for an answer that was
    /// understood ("not stored yet, offer again").
    public let unsettledSince: Date?
}

extension NodeRuntime {
    /// How long answers may go on not being understood before the node says it is degraded.
    public static let unsettledLimit: TimeInterval = 86_400

    /// Every waiting bundle a neighbour answered at least once without settling it.
    public func postponedBundles() throws -> [UnsettledBundle] {
        try store.postponedDeliveries().map(UnsettledBundle.init)
    }

    /// The waiting bundles whose neighbour's answers have not been understood for longer
    /// than ``unsettledLimit`` at `now`.
    public func longUnsettledBundles(at now: Date) throws -> [UnsettledBundle] {
        try store.deliveries(unsettledSince: now.addingTimeInterval(-Self.unsettledLimit)).map(UnsettledBundle.init)
    }
}

extension UnsettledBundle {
    init(_ delivery: Delivery) {
        self.init(bundleId: delivery.bundleId, destination: delivery.destination, lastAnswer: delivery.lastAnswer ?? "",
                  attempts: delivery.attempts, retryAt: delivery.retryAt, unsettledSince: delivery.unsettledSince)
    }
}
