import BaoCaoBundle
import BaoCaoNode
import Foundation
import NIOCore
import HummingbirdTLS
import NIOSSL

/// The sync server's check of a calling node's TLS certificate, in place of the TLS
/// library's: the presented chain must reach the anchors this node trusts at the moment
/// of the handshake — those of the province release in force, or the installed ones
/// before the first release (``NodeRuntime/transportTrust()``), read afresh for every
/// handshake, so a release that adds a root CA lets its children in and one that drops a
/// root shuts theirs out, without a restart — and every certificate on it must be valid
/// at this node's clock — the injected one, so simulated time governs X.509 here as it
/// does for bundles — give or take the node's clock tolerance, as a bundle's signing
/// time is (a certificate renewed this morning by the province reaches a district whose
/// clock is a little behind).
///
/// Whether the certificate is registered for a child of this node, and not revoked, is
/// checked per request (``PeerIdentity``).
struct PeerCertificateCheck: Sendable {
    /// The anchors in force now; a failure to read them refuses the caller.
    let trust: @Sendable () throws -> TrustStore
    let tolerance: TimeInterval
    let now: @Sendable () -> Date

    init(trust: @escaping @Sendable () throws -> TrustStore, tolerance: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.trust = trust
        self.tolerance = tolerance
        self.now = now
    }

    /// The check of a node's children: against the trust in force on `runtime`.
    init(runtime: NodeRuntime, now: @escaping @Sendable () -> Date) {
        self.init(trust: { try runtime.transportTrust() }, tolerance: runtime.clockTolerance, now: now)
    }

    /// The verdict on the certificates a caller presented, its own first.
    func verify(_ presented: [NIOSSLCertificate]) -> NIOSSLVerificationResult {
        guard let store = try? trust(),
              let certificates = try? presented.map({ try Certificate(der: Data($0.toDERBytes())) }), let leaf = certificates.first,
              case .success(let chain) = store.chain(for: leaf, offered: Array(certificates.dropFirst()))
        else { return .failed }
        let time = now()
        let valid = chain.allSatisfy { $0.notBefore <= time + tolerance && time - tolerance <= $0.notAfter }
        return valid ? .certificateVerified : .failed
    }

    /// The callback the TLS channel calls during the handshake. The check runs off the
    /// event loop (``BlockingWork``): the first handshake after a release may read the
    /// store to learn the new anchors.
    var callback: TLSChannelConfiguration.CustomVerificationCallback {
        { [self] presented, promise in
            Task {
                let verdict = (try? await BlockingWork.run { verify(presented) }) ?? .failed
                promise.succeed(verdict)
            }
        }
    }
}
