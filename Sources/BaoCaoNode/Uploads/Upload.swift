import Foundation

/// A resumable upload under way (tus 1.0), as the sync server sees it: bound to the
/// certificate that created it, with the bytes flushed so far and, once complete, the
/// answer given for the bundle.
public struct Upload: Sendable, Hashable {
    public let id: String
    /// The SHA-256 fingerprint of the client certificate that created it.
    public let owner: String
    public let length: Int
    /// Bytes received and flushed to disk.
    public var offset: Int
    /// The SHA-256 the creator declared for the whole bundle, hex.
    public let sha256: String
    public let createdAt: Date
    public let expiresAt: Date
    /// Once complete, the answer for the bundle, as it was encoded for the wire.
    public var answer: String?
}
