import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// Decides what a verified software update bundle does to this node: reads the update,
/// asks the ``UpdateGate`` with the publisher keys of the province release in force and the
/// last update taken here, and says what to record. A relay decides exactly as a final
/// recipient does — an update is for every unit — so a district never passes on one its
/// communes would refuse.
public struct UpdateDecider: Sendable {
    public enum Plan: Sendable {
        case apply(SoftwareUpdateRecord)
        case duplicate
        case refuse(BundleError)
    }

    public let trust: NodeTrust
    public let store: NodeStore

    public init(trust: NodeTrust, store: NodeStore) {
        self.trust = trust
        self.store = store
    }

    /// #### Errors
    /// Only when the store cannot be read; every verdict on the bundle is a ``Plan``.
    public func plan(for bundle: VerifiedBundle, now: Date) throws -> Plan {
        let update: AcceptedUpdate
        do {
            update = try AcceptedUpdate(bundle: bundle)
        } catch {
            return .refuse(error)
        }
        let current = try store.latestSoftwareUpdate().map { try AcceptedUpdate(bytes: $0.content) }
        let gate = UpdateGate(publishers: trust.provinceRelease?.content.trust?.publishers ?? [])
        switch gate.evaluate(update, signedBy: bundle.signer, current: current) {
        case .refuse(let error): return .refuse(error)
        case .duplicate: return .duplicate
        case .accept:
            let content = update.content
            return .apply(SoftwareUpdateRecord(contentHash: update.hash, publisher: content.publisher, version: content.version,
                                               previousHash: content.previousHash, publishedAt: content.publishedAt, receivedAt: now,
                                               bundleId: bundle.id, content: update.bytes))
        }
    }
}
