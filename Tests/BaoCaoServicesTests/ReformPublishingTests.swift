import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

/// Publishing across the reform: the old province closes its chain naming the new one
/// (`release close`), the new province's first release continues it with the succession
/// (`release publish --succession --continues`), and a commune node of the old chain
/// follows both.
@Suite("Releases across the reform: closing and continuing")
struct ReformPublishingTests {
    /// The new province 25: 04801 continues, 04802 and 04803 went into it, 04901 continues;
    /// the districts' level ended.
    static let newTopology = try! Topology(units: [
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "25"),
        ReportingUnit(code: "04901", name: "Xã Khác", kind: .commune, parentCode: "25"),
    ])
    static let succession = try! Succession(
        effective: CivilDate(parsing: "2025-07-01"), graceUntil: CivilDate(parsing: "2025-09-30"), basis: "Nghị quyết 202/2025/QH15",
        formerUnits: Fixtures.topology.units,
        links: [SuccessionLink(former: "17", successor: "25", share: .whole), SuccessionLink(former: "148", successor: "25", share: .archive),
                SuccessionLink(former: "149", successor: "25", share: .archive),
                SuccessionLink(former: "04801", successor: "04801", share: .whole), SuccessionLink(former: "04802", successor: "04801", share: .whole),
                SuccessionLink(former: "04803", successor: "04801", share: .whole), SuccessionLink(former: "04901", successor: "04901", share: .whole)])

    /// The node of the new province, set up on the new map with its own key from the same CA.
    static func provinceNode(_ nodes: SignedNodes) throws -> (ReleaseService, SigningIdentity) {
        let key = try PrivateKey.generate(.ecP256)
        let identity = try SigningIdentity(key: key, certificate: CertificateAuthority.issue(
            for: key, subject: DistinguishedName(commonName: "Tỉnh Phú Thọ", unitCode: "25"), profile: .signing,
            validity: DateInterval(start: nodes.now.addingTimeInterval(-60), duration: 365 * 86_400), issuer: nodes.pki.root))
        let path = nodes.folder("nodes/25")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let store = try NodeStore.open(at: path + "/baocao.sqlite")
        _ = try store.initialize(homeUnit: "25", topology: newTopology, catalog: Catalog(), at: nodes.now)
        var registry = SignerRegistry()
        registry.register(identity.certificate.fingerprint, for: "25")
        let bootstrap = NodeTrust.Bootstrap(anchorsPEM: nodes.pki.root.certificate.pem, pinnedPublishers: [identity.certificate.fingerprint],
                                            registry: registry)
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: path), home: "25", bootstrap: bootstrap, clockTolerance: 86_400,
                                  signer: identity)
        return (ReleaseService(work: NodeWork(runtime: runtime, identity: identity),
                               settings: ReleaseSettings(validForDays: 30, installedTrust: bootstrap, configurationName: "node-25.yaml")), identity)
    }

    /// Should close 17's chain, publish 25's first release continuing it — the succession,
    /// the former units' registrations kept and revoked as of the reform with its grace —
    /// and bring a commune of 17 onto 25's chain and map.
    @Test func closeThenContinue_bringsTheOldChainsNodesAcross() throws {
        let nodes = try SignedNodes()
        let old = nodes.releases(at: "17")
        let v1 = try old.publish(ReleaseChanges(), by: .node, at: nodes.now)
        let (new, key25) = try Self.provinceNode(nodes)

        var close = ReleaseChanges()
        close.successor = ReleaseSuccessor(publisher: "25", publisherKeys: [key25.certificate.fingerprint])
        let closing = try old.publish(close, by: .node, at: nodes.now)
        #expect(closing.version == 2)
        // The closed chain publishes nothing more.
        #expect(throws: BundleError(.releaseChainEnded, message: "", log: "")) { try old.publish(ReleaseChanges(), by: .node, at: nodes.now) }

        let closingRelease = try #require(try nodes.work("17").runtime.ingestor().trust.provinceRelease)
        #expect(closingRelease.content.successor?.publisher == "25")
        var continuing = ReleaseChanges()
        continuing.succession = Self.succession
        continuing.continues = [closingRelease]
        let first = try new.publish(continuing, by: .node, at: nodes.now)
        #expect(first.publisher == "25" && first.version == 1)
        let content = try #require(try new.work.runtime.ingestor().trust.provinceRelease?.content)
        #expect(content.continues == [ReleaseLink(publisher: "17", version: 2, hash: closingRelease.hash)])
        #expect(content.succession == Self.succession)
        let retired = Set((["17", "148", "149"] as [UnitCode]).map { nodes.pki.units[$0]!.signing.certificate.fingerprint })
        #expect(Set(content.revoked?.map(\.fingerprint) ?? []) == retired)
        #expect(content.revoked?.allSatisfy { $0.reason == "sắp xếp đơn vị hành chính" && $0.graceEnds != nil } == true)
        #expect(content.trust?.signers["148"] == [nodes.pki.units["148"]!.signing.certificate.fingerprint], "former units stay registered")
        #expect(content.trust?.nodes?["04801"] == [nodes.pki.units["04801"]!.node.certificate.fingerprint], "a continuing commune's node still syncs")
        #expect(content.trust?.nodes?["148"] == nil, "a retired district's node has no place on the new map")
        #expect(try new.work.store.succession() == Self.succession)

        // A commune node of 17 follows: 17 v1, the closing release, then 25's first.
        let commune = nodes.work("04801").runtime
        for release in [v1, closing, first] {
            #expect(try commune.ingest(release.data, from: .parent, now: nodes.now) == .accepted)
        }
        #expect(try commune.store.topology() == Self.newTopology)
        #expect(try commune.provinceRelease()?.content.publisher == "25")
        #expect(try commune.store.succession() == Self.succession)

        // 25's next release keeps the succession; 17's nodes refuse nothing of it.
        let second = try new.publish(ReleaseChanges(), by: .node, at: nodes.now)
        #expect(try new.work.runtime.ingestor().trust.provinceRelease?.content.succession == Self.succession)
        #expect(try commune.ingest(second.data, from: .parent, now: nodes.now) == .accepted)
    }

    /// Should refuse to continue a release that did not close its chain, or that named
    /// another province or other keys, before anything is signed.
    @Test func continuing_aReleaseThatDidNotNameThisProvince_isRefused() throws {
        let nodes = try SignedNodes()
        let old = nodes.releases(at: "17")
        _ = try old.publish(ReleaseChanges(), by: .node, at: nodes.now)
        let (new, _) = try Self.provinceNode(nodes)
        let open = try #require(try nodes.work("17").runtime.ingestor().trust.provinceRelease)
        var changes = ReleaseChanges()
        changes.succession = Self.succession
        changes.continues = [open]
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try new.publish(changes, by: .node, at: nodes.now) }

        var close = ReleaseChanges()
        close.successor = ReleaseSuccessor(publisher: "25", publisherKeys: [nodes.pki.publisher])  // not 25's key
        _ = try old.publish(close, by: .node, at: nodes.now)
        changes.continues = [try #require(try nodes.work("17").runtime.ingestor().trust.provinceRelease)]
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try new.publish(changes, by: .node, at: nodes.now) }
        #expect(try new.work.runtime.ingestor().trust.provinceRelease == nil)

        // A succession that leaves a former unit without a successor is refused, naming it.
        var orphan = Self.succession
        orphan.links.removeAll { $0.former == "04803" }
        var bad = ReleaseChanges()
        bad.succession = orphan
        do {
            _ = try new.publish(bad, by: .node, at: nodes.now)
            Issue.record("a succession leaving 04803 without a successor was published")
        } catch let error as ServiceError {
            #expect(error.message.contains("04803 (Xã Ba) không có đơn vị kế thừa"))
        }
    }
}
