import BaoCaoCore
import Foundation
import GRDB

/// A bundle the node holds: what its manifest and signature say, and how it came.
public struct StoredBundle: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// GRDB's own date text, made without its formatter (``DatabaseDateText``).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { DatabaseDateText.encoding }

    public static let databaseTableName = "bundle"

    /// How a bundle reached the node.
    public typealias Origin = BundleOrigin

    public var id: String
    public var kind: String
    public var sender: UnitCode
    public var recipient: BundleRecipient
    public var size: Int
    /// The signer certificate's SHA-256 fingerprint.
    public var signer: String
    public var signedAt: Date
    public var origin: Origin
    public var receivedAt: Date
    /// The manifest's `about` facts, as JSON (``JSONText``: sorted keys, `/` not escaped).
    public var about: String

    public init(id: String, kind: String, sender: UnitCode, recipient: BundleRecipient, size: Int, signer: String,
                signedAt: Date, origin: Origin, receivedAt: Date, about: [String: String]) {
        self.id = id
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
        self.size = size
        self.signer = signer
        self.signedAt = signedAt
        self.origin = origin
        self.receivedAt = receivedAt
        var json = JSONText()
        json.object(about)
        self.about = String(decoding: json.bytes, as: UTF8.self)
    }
}

/// One place a held bundle must still reach: the parent (`up`) or a child (`down`).
public struct Delivery: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// GRDB's own date text, made without its formatter (``DatabaseDateText``).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { DatabaseDateText.encoding }

    public static let databaseTableName = "delivery"

    public enum Direction: String, Sendable, Codable { case up, down }
    public enum State: String, Sendable, Codable { case pending, acknowledged, refused }

    /// Assigned by the database; orders a child's feed.
    public var sequence: Int64?
    public var bundleId: String
    /// The neighbouring unit the bundle goes to next.
    public var destination: UnitCode
    public var direction: Direction
    public var state: State
    public var queuedAt: Date
    public var acknowledgedAt: Date?
    /// Why the neighbour refused it, when it did.
    public var refusal: String?
    /// How many times the neighbour answered without settling it (``NodeStore/defer(bundleId:destination:answer:until:unsettled:at:)``).
    public var attempts: Int = 0
    /// Not offered again before this time.
    public var retryAt: Date?
    /// The neighbour's last answer that settled nothing, as it came (for the people who
    /// must find out why a bundle does not leave).
    public var lastAnswer: String?
    /// Since when the neighbour's answers have been ones this node does not understand;
    /// `nil` while they are answers it does (such as "not stored yet, offer again").
    public var unsettledSince: Date?

    public init(bundleId: String, destination: UnitCode, direction: Direction, queuedAt: Date) {
        self.bundleId = bundleId
        self.destination = destination
        self.direction = direction
        self.state = .pending
        self.queuedAt = queuedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        sequence = inserted.rowID
    }
}
