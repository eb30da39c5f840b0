import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// What became of one incoming bundle; the words the sync protocol and `baocao import` use.
public enum IngestOutcome: Sendable, Equatable, CustomStringConvertible {
    case accepted
    case duplicate
    case rejected(BundleError)

    public var description: String {
        switch self {
        case .accepted: "accepted"
        case .duplicate: "duplicate"
        case .rejected(let error): "rejected: \(error.message)"
        }
    }
}

/// Takes in release bundles: verifies them, asks the ``ReleaseGate``, and records what
/// is accepted together with the topology and catalog it puts in force.
public struct ReleaseIngestor: Sendable {
    public let store: NodeStore
    public let trust: NodeTrust

    public init(store: NodeStore, trust: NodeTrust) {
        self.store = store
        self.trust = trust
    }

    /// Verifies and applies a release bundle received at `now`.
    public func ingest(_ data: Data, now: Date) -> IngestOutcome {
        switch trust.verifier.verify(data, now: now) {
        case .refused(let error):
            return .rejected(error)
        case .valid(let bundle):
            do {
                return try apply(bundle, now: now)
            } catch let error as BundleError {
                return .rejected(error)
            } catch {
                return .rejected(BundleError(.invalidRelease, message: "Không lưu được bản phát hành: \(error).", log: "release store failure: \(error)"))
            }
        }
    }

    private func apply(_ bundle: VerifiedBundle, now: Date) throws -> IngestOutcome {
        let release = try AcceptedRelease(bundle: bundle)
        let gate = ReleaseGate(pinnedPublishers: trust.pinnedPublishers, now: now)
        let decision: ReleaseGate.Decision
        let topology: Topology?
        let catalog: Catalog
        switch bundle.manifest.kind {
        case .release:
            decision = gate.evaluate(release, signedBy: bundle.signer, current: trust.provinceRelease)
            topology = try? release.content.validatedTopology()
            catalog = NodeTrust.catalogInForce(province: release.content, local: trust.localReleases.values.map(\.content))
        case .localRelease:
            guard let province = trust.provinceRelease else {
                return .rejected(BundleError(.invalidRelease,
                    message: "Chưa nhận bản phát hành của tỉnh nên chưa thể nhận bản phát hành của đơn vị \(release.content.publisher).",
                    log: "local release before any province release"))
            }
            decision = gate.evaluateLocal(release, current: trust.localReleases[release.content.publisher], province: province)
            topology = nil
            var others = trust.localReleases
            others[release.content.publisher] = release
            catalog = NodeTrust.catalogInForce(province: province.content, local: others.values.map(\.content))
        default:
            return .rejected(BundleError(.invalidRelease, message: "Gói tin không phải bản phát hành.", log: "not a release bundle"))
        }
        switch decision {
        case .duplicate: return .duplicate
        case .refuse(let error): return .rejected(error)
        case .accept: break
        }
        let content = release.content
        try store.recordRelease(
            StoredRelease(publisher: content.publisher, version: content.version, contentHash: release.hash, previousHash: content.previousHash,
                          publishedAt: content.publishedAt, receivedAt: now, bundleId: bundle.id, content: release.bytes),
            topology: topology, catalogInForce: catalog)
        return .accepted
    }
}
