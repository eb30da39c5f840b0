import BaoCaoBundle
import BaoCaoStore
import BaoCaoCore
import Foundation

extension NodeRuntime {
    /// Signs a bundle from this node with `identity` and takes it in exactly as a bundle
    /// from elsewhere (``ingest(_:from:now:)``): verified as its recipient will verify it,
    /// stored, and queued on its way. Returns its id and bytes.
    ///
    /// Going through ingestion rather than straight into the outbox means a bundle the
    /// recipient would refuse — a certificate the release in force does not register for
    /// this unit — is refused here, before anyone carries it. Like every bundle signed here,
    /// it carries the node's audit heads (``BundleIngestor/auditHeadsToCarry()``).
    ///
    /// #### Errors
    /// The ``BundleError`` that refuses the bundle; a ``NodeError`` when it could not be
    /// stored.
    public func issue(kind: BundleKind, recipient: BundleRecipient, parts: [BundleWriter.Part], about: [String: String],
                      signedBy identity: SigningIdentity, beside person: SigningIdentity? = nil, at now: Date) throws -> (id: String, data: Data) {
        let carried = about.merging(try ingestor().auditHeadsToCarry()) { _, head in head }
        let (id, data) = try BundleWriter(identity: identity, person: person).write(kind: kind, sender: home, recipient: recipient, parts: parts,
                                                                    about: carried, at: now)
        if case .rejected(let error) = try ingest(data, from: .thisNode, now: now) { throw error }
        return (id, data)
    }
}
