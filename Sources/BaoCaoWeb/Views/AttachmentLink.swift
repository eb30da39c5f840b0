/// A file attached to a report, as a download link with its size and fingerprint; shown on
/// the report page and on the receiver's page alike.
struct AttachmentLink: TemplateFields {
    let name: String
    /// In kilobytes, the Vietnamese way.
    let size: String
    let href: String
    /// The first 16 hex digits of its SHA-256.
    let sha256: String
}
