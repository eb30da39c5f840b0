import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Decides what a verified release bundle does to this node: asks the ``ReleaseGate``
/// and works out the topology and catalog it puts in force.
public struct ReleaseDecider: Sendable {
    public enum Plan: Sendable {
        /// Record the release and put this topology (province releases), catalog and
        /// succession (a province release carrying one) in force.
        case apply(StoredRelease, topology: Topology?, catalog: Catalog, succession: Succession?)
        case duplicate
        case refuse(BundleError)
    }

    public let trust: NodeTrust

    public init(trust: NodeTrust) {
        self.trust = trust
    }

    public func plan(for bundle: VerifiedBundle, now: Date) -> Plan {
        do {
            let release = try AcceptedRelease(bundle: bundle)
            let gate = ReleaseGate(pinnedPublishers: trust.pinnedPublishers, now: now)
            let decision: ReleaseGate.Decision
            let topology: Topology?
            let catalog: Catalog
            switch bundle.manifest.kind {
            case .release:
                decision = gate.evaluate(release, signedBy: bundle.signer, current: trust.provinceRelease, ended: trust.endedProvinceReleases)
                topology = try? release.content.validatedTopology()
                // Local releases of units gone from the new map (a retired district's) drop out.
                let kept = trust.localReleases.filter { topology?.unit(code: $0.key) != nil }
                catalog = NodeTrust.catalogInForce(province: release.content, local: kept.values.map(\.content))
            case .localRelease:
                guard let province = trust.provinceRelease else {
                    return .refuse(BundleError(.invalidRelease,
                        message: "Chưa nhận bản phát hành của tỉnh nên chưa thể nhận bản phát hành của đơn vị \(release.content.publisher).",
                        log: "local release before any province release"))
                }
                decision = gate.evaluateLocal(release, current: trust.localReleases[release.content.publisher], province: province)
                topology = nil
                var others = trust.localReleases
                others[release.content.publisher] = release
                catalog = NodeTrust.catalogInForce(province: province.content, local: others.values.map(\.content))
            default:
                return .refuse(BundleError(.invalidRelease, message: "Gói tin không phải bản phát hành.", log: "not a release bundle"))
            }
            switch decision {
            case .duplicate: return .duplicate
            case .refuse(let error): return .refuse(error)
            case .accept:
                let content = release.content
                return .apply(StoredRelease(publisher: content.publisher, version: content.version, contentHash: release.hash,
                                            previousHash: content.previousHash, publishedAt: content.publishedAt, receivedAt: now,
                                            bundleId: bundle.id, content: release.bytes),
                              topology: topology, catalog: catalog,
                              succession: bundle.manifest.kind == .release ? content.succession : nil)
            }
        } catch let error as BundleError {
            return .refuse(error)
        } catch {
            return .refuse(BundleError(.invalidRelease, message: "Bản phát hành không hợp lệ.", log: "release plan failure: \(error)"))
        }
    }
}
