import BaoCaoBundle
import Foundation
import NIOCore
import HummingbirdTLS
import NIOSSL

/// The sync server's check of a calling node's TLS certificate, in place of the TLS
/// library's: the presented chain must reach the anchors the TLS configuration trusts,
/// and every certificate on it must be valid at this node's clock — the injected one, so
/// simulated time governs X.509 here as it does for bundles — give or take the node's
/// clock tolerance, as a bundle's signing time is (a certificate renewed this morning by
/// the province reaches a district whose clock is a little behind).
///
/// Whether the certificate is registered for a child of this node, and not revoked, is
/// checked per request (``PeerIdentity``).
struct PeerCertificateCheck: Sendable {
    let trust: TrustStore
    let tolerance: TimeInterval
    let now: @Sendable () -> Date

    /// The check for a server configuration; nil when its trust roots are not given as
    /// certificates (the TLS library's own check then applies).
    init?(_ configuration: TLSConfiguration, tolerance: TimeInterval, now: @escaping @Sendable () -> Date) throws {
        guard case .certificates(let roots) = configuration.trustRoots, !roots.isEmpty else { return nil }
        trust = try TrustStore(anchors: roots.map { try Certificate(der: Data($0.toDERBytes())) })
        self.tolerance = tolerance
        self.now = now
    }

    /// The verdict on the certificates a caller presented, its own first.
    func verify(_ presented: [NIOSSLCertificate]) -> NIOSSLVerificationResult {
        guard let certificates = try? presented.map({ try Certificate(der: Data($0.toDERBytes())) }), let leaf = certificates.first,
              case .success(let chain) = trust.chain(for: leaf, offered: Array(certificates.dropFirst()))
        else { return .failed }
        let time = now()
        let valid = chain.allSatisfy { $0.notBefore <= time + tolerance && time - tolerance <= $0.notAfter }
        return valid ? .certificateVerified : .failed
    }

    /// The callback the TLS channel calls during the handshake.
    var callback: TLSChannelConfiguration.CustomVerificationCallback {
        { [self] presented, promise in promise.succeed(verify(presented)) }
    }
}
