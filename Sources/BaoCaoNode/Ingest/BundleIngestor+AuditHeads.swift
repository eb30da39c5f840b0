import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Audit-log heads in and out of bundles (``AuditHead``): what every bundle signed here
/// carries, and which heads a bundle taken in leaves here as anchors.
extension BundleIngestor {
    /// The `about` entries every bundle this node signs carries: its own head, and — below
    /// the province — the newest head of its parent that reached it, relayed back up so
    /// the parent (the province above all, which has no parent of its own) holds anchors.
    ///
    /// Reads in the caller's transaction when there is one, so the head is the one the
    /// bundle's own commit follows.
    public func auditHeadsToCarry() throws -> [String: String] {
        let home = router.home
        let parent = router.topology.unit(code: home)?.parentCode
        return try store.writer.unsafeReentrantRead { db in
            var about: [String: String] = [:]
            if let own = try NodeStore.auditHead(in: db) { about[AuditHead.manifestKey] = own.anchorText }
            if let parent, let held = try NodeStore.newestAuditAnchor(of: parent, in: db) {
                about[AuditHead.parentManifestKey] = held.anchorText
            }
            return about
        }
    }

    /// The anchors a verified bundle leaves here:
    /// - the sender's own head, when the sender is above or below this node;
    /// - the head of this node's log that a child relays (`parentAuditHead`);
    /// - the head of this node's log that a receipt addressed here echoes.
    /// Malformed heads are ignored; a bundle of this node's own leaves none.
    func auditAnchors(of bundle: VerifiedBundle, at now: Date) -> [AuditAnchorRecord] {
        let manifest = bundle.manifest
        let sender = manifest.sender, home = router.home, topology = router.topology
        guard sender != home else { return [] }
        func head(_ key: String) -> AuditHead? { manifest.about[key].flatMap(AuditHead.init(anchorText:)) }
        var anchors: [AuditAnchorRecord] = []
        if let own = head(AuditHead.manifestKey), isAboveOrBelow(sender, topology: topology) {
            anchors.append(AuditAnchorRecord(unitCode: sender, head: own, bundleId: bundle.id, receivedAt: now))
        }
        if let relayed = head(AuditHead.parentManifestKey), topology.unit(code: sender)?.parentCode == home {
            anchors.append(AuditAnchorRecord(unitCode: home, head: relayed, bundleId: bundle.id, receivedAt: now))
        } else if manifest.kind == .receipt, manifest.recipient == .unit(home), let echoed = head(AuditHead.echoedManifestKey) {
            anchors.append(AuditAnchorRecord(unitCode: home, head: echoed, bundleId: bundle.id, receivedAt: now))
        }
        return anchors
    }

    /// The head a bundle earning a receipt carried, when this node keeps it as an anchor:
    /// what the receipt echoes back to its sender.
    func echoedAuditHead(for bundle: VerifiedBundle, at now: Date) -> AuditHead? {
        auditAnchors(of: bundle, at: now).first { $0.unitCode == bundle.manifest.sender }?.head
    }

    private func isAboveOrBelow(_ unit: UnitCode, topology: Topology) -> Bool {
        let home = router.home
        return topology.ancestors(of: unit).contains { $0.code == home } || topology.ancestors(of: home).contains { $0.code == unit }
    }
}
