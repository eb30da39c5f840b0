import Foundation

/// A scanned paper of a record (a decision, a diploma) travelling inside a sealed dossier:
/// its file name, media type, SHA-256 and bytes. The hash is checked by whoever opens the
/// dossier (``PersonnelDossier/checkScans(digest:)``), so a scan altered before sealing
/// is caught as well as one altered after.
public struct PersonnelScan: Sendable, Hashable, Codable {
    /// The record the scan belongs to.
    public var record: PersonnelID
    /// The file name as attached, e.g. `quyet-dinh-125.pdf`.
    public var name: String
    /// `application/pdf`, `image/jpeg` …
    public var mediaType: String
    /// SHA-256 of ``bytes``, 64 lowercase hexadecimal digits.
    public var sha256: String
    public var bytes: Data

    public init(record: PersonnelID, name: String, mediaType: String, sha256: String, bytes: Data) {
        self.record = record
        self.name = name
        self.mediaType = mediaType
        self.sha256 = sha256
        self.bytes = bytes
    }
}
