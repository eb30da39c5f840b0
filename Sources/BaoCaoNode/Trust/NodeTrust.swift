import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// What a node trusts right now: the anchors and registry of the province release in
/// force, or — before the first release — the anchors and publisher keys it was
/// installed with.
public struct NodeTrust: Sendable {
    /// What a node is installed with, before any release reaches it.
    public struct Bootstrap: Sendable {
        public var anchorsPEM: Data
        public var pinnedPublishers: [String]
        /// Province nodes: the registry of signers for the first release they publish.
        public var registry: SignerRegistry?
        /// The anchors of persons' certificates, before a release names them (a folder of
        /// trust as `pki init-dev --persons` writes it).
        public var personAnchorsPEM: Data?

        public init(anchorsPEM: Data, pinnedPublishers: [String], registry: SignerRegistry? = nil, personAnchorsPEM: Data? = nil) {
            self.anchorsPEM = anchorsPEM
            self.pinnedPublishers = pinnedPublishers
            self.registry = registry
            self.personAnchorsPEM = personAnchorsPEM
        }
    }

    public let verifier: BundleVerifier
    public let provinceRelease: AcceptedRelease?
    /// Each unit's newest local release, by publisher.
    public let localReleases: [UnitCode: AcceptedRelease]
    public let pinnedPublishers: [String]

    /// Reads the releases in force from the store.
    public static func load(store: NodeStore, bootstrap: Bootstrap?, clockTolerance: TimeInterval) throws -> NodeTrust {
        var province: AcceptedRelease?
        var local: [UnitCode: AcceptedRelease] = [:]
        for stored in try store.latestReleases() {
            let release = try AcceptedRelease(bytes: stored.content)
            if release.content.isProvinceRelease { province = release } else { local[release.content.publisher] = release }
        }
        let trustStore: TrustStore
        var personTrust: TrustStore?
        let registry: SignerRegistry
        if let province, let trust = province.content.trust {
            trustStore = try trust.trustStore()
            personTrust = try trust.personTrustStore()
            registry = province.content.registry
        } else if let bootstrap {
            trustStore = try TrustStore(anchorsPEM: bootstrap.anchorsPEM)
            personTrust = try bootstrap.personAnchorsPEM.map { try TrustStore(anchorsPEM: $0) }
            registry = bootstrap.registry ?? SignerRegistry()
        } else {
            throw BundleError(.untrustedCertificate,
                message: "Nút chưa có chứng thư gốc để kiểm tra chữ ký: hãy khai báo trust.anchors trong tệp cấu hình.",
                log: "no trust anchors: no release and no bootstrap trust configured")
        }
        // Who may send what: the topology and catalog the releases in force set (before the
        // first release, what the node was set up with).
        let topology = try province.flatMap { try? $0.content.validatedTopology() } ?? store.topology()
        let catalog = province.map { catalogInForce(province: $0.content, local: local.values.map(\.content)) } ?? Catalog()
        return NodeTrust(
            verifier: BundleVerifier(trust: trustStore, registry: registry, acceptance: AcceptanceTable(topology: topology, catalog: catalog,
                                                                                                 personnelAuthority: province?.content.personnel?.authority,
                                                                                                 succession: try store.succession()),
                                     personTrust: personTrust, clockTolerance: clockTolerance),
            provinceRelease: province, localReleases: local, pinnedPublishers: bootstrap?.pinnedPublishers ?? [])
    }

    /// The catalog in force: the province's, with every unit's local additions.
    public static func catalogInForce(province: ReleaseContent, local: [ReleaseContent]) -> Catalog {
        var catalog = province.catalog
        for release in local.sorted(by: { $0.publisher < $1.publisher }) {
            catalog.indicators += release.catalog.indicators
            catalog.forms += release.catalog.forms
            catalog.regimes += release.catalog.regimes
            catalog.rules += release.catalog.rules
        }
        return catalog
    }
}
