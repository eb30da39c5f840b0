import BaoCaoBundle
import Foundation

/// How much of a node's disk the resumable uploads of one calling child may hold, how
/// long an upload is kept, and how often the expired ones are swept away.
///
/// Quotas are per peer — the certificate the child presented in the TLS handshake — so one
/// careless or hostile child cannot fill the node's disk or its table of uploads for the
/// others: it may have at most ``maximumOpenUploads`` uploads under way, together declaring
/// at most ``maximumBytesHeld`` bytes. A request over either is refused and holds nothing.
public struct UploadPolicy: Sendable, Hashable {
    /// Uploads under way (not complete, not expired) per peer. The default is 4.
    public var maximumOpenUploads: Int
    /// Bytes the uploads under way of one peer may declare (`Upload-Length`), together. The
    /// default is twice the largest bundle file (``BundleLimits/maximumFileSize``).
    public var maximumBytesHeld: Int
    /// How long an upload is kept after it was created. The default is a day.
    public var lifetime: TimeInterval
    /// How often the uploads past their expiry are removed. The default is ten minutes.
    public var sweepInterval: Duration

    public init(maximumOpenUploads: Int = 4, maximumBytesHeld: Int = 2 * BundleLimits.default.maximumFileSize,
                lifetime: TimeInterval = 86_400, sweepInterval: Duration = .seconds(600)) {
        self.maximumOpenUploads = maximumOpenUploads
        self.maximumBytesHeld = maximumBytesHeld
        self.lifetime = lifetime
        self.sweepInterval = sweepInterval
    }

    public static let `default` = UploadPolicy()
}
