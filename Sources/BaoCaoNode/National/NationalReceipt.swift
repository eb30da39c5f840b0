import BaoCaoCore
import Foundation

/// What became of a packet pushed to the national system, kept beside its signed copy
/// (`<packet id>.receipt.json`).
public struct NationalReceipt: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Signed and kept; not yet taken by the receiver. It is retried by `push --pending`.
        case pending
        /// The receiver answered 2xx.
        case delivered
    }

    public var packetId: UUID
    public var kind: NationalPacketKind
    public var status: Status
    /// The endpoint the packet went to (never the token).
    public var endpoint: String
    /// SHA-256 of the bytes sent, hexadecimal.
    public var sha256: String
    /// When the copy was signed, UTC.
    public var signedAt: Date
    /// How many HTTP attempts were made, over every push.
    public var attempts: Int
    /// The receiver's last HTTP status; `nil` when it never answered.
    public var responseStatus: Int?
    /// When the receiver last answered, UTC.
    public var respondedAt: Date?
    /// Why the last attempt failed, in Vietnamese; `nil` once delivered.
    public var lastError: String?

    public init(packetId: UUID, kind: NationalPacketKind, status: Status, endpoint: String, sha256: String, signedAt: Date,
                attempts: Int = 0, responseStatus: Int? = nil, respondedAt: Date? = nil, lastError: String? = nil) {
        self.packetId = packetId
        self.kind = kind
        self.status = status
        self.endpoint = endpoint
        self.sha256 = sha256
        self.signedAt = signedAt
        self.attempts = attempts
        self.responseStatus = responseStatus
        self.respondedAt = respondedAt
        self.lastError = lastError
    }
}
