/// The newest entry of a node's audit log, as an anchor: its sequence number and hash.
///
/// A node puts its head into the manifest of every bundle it sends up
/// (`about["auditHead"] = "SEQUENCE:HASH"`); the parent keeps what arrives, so a log later
/// cut short or wholly re-chained no longer matches what the parent holds.
public struct AuditHead: Sendable, Hashable, Codable {
    /// The manifest's `about` key that carries the head.
    public static let manifestKey = "auditHead"

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
