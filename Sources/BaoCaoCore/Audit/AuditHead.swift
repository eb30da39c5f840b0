/// The newest entry of a node's audit log, as an anchor: its sequence number and hash.
///
/// A node puts its head into the manifest of every bundle it signs — reports, decisions,
/// notices, receipts, releases — (`about["auditHead"] = "SEQUENCE:HASH"`); its parent and
/// its descendants keep what arrives, so a log later cut short or wholly re-chained no
/// longer matches what they hold. Two more keys carry heads back to the node they belong
/// to, signed by whoever holds them: a receipt echoes the head its recipient's
/// acknowledged bundle carried (``echoedManifestKey``), and a child's bundle relays the
/// newest head of its parent it holds (``parentManifestKey``) — the province's only anchors.
public struct AuditHead: Sendable, Hashable, Codable {
    /// The manifest's `about` key that carries the sender's own head.
    public static let manifestKey = "auditHead"
    /// In a receipt: the head the acknowledged bundle carried, as its receiver recorded it.
    public static let echoedManifestKey = "echoedAuditHead"
    /// In a child's bundle: the newest head of the child's parent that the child holds.
    public static let parentManifestKey = "parentAuditHead"

    public let sequence: Int64
    /// SHA-256, 64 lowercase hex digits.
    public let hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// `SEQUENCE:HASH`, as it rides in a manifest.
    public var anchorText: String { "\(sequence):\(hash)" }

    /// Reads `SEQUENCE:HASH`; nil for anything else (a positive sequence and 64 hex digits).
    public init?(anchorText text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int64(parts[0]), sequence >= 1, String(sequence) == parts[0] else { return nil }
        let hash = parts[1].lowercased()
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        self.init(sequence: sequence, hash: hash)
    }
}
