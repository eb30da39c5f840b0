import BaoCaoBundle
import Foundation

extension NodeRuntime {
    /// What TLS trusts now, both ways — the sync server's check of a calling child's
    /// certificate and the sync client's check of its parent's: the anchors (and
    /// intermediates) of the province release in force, or those the node was installed
    /// with (`trust.anchors`) before the first release. The very store the bundle verifier
    /// uses, so a release that adds or drops a root CA changes both at once, without a restart.
    public func transportTrust() throws -> TrustStore {
        try ingestor().trust.verifier.trust
    }
}
