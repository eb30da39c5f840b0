import HTTPTypes

/// The HTTP fields of the sync protocol and of tus, each named once: the server sets them
/// through HTTPTypes, the client reads and writes them by ``HTTPField/Name/rawName``.
public enum SyncField {
    /// Which epoch of the answering node speaks; a new one after every restore.
    public static let epoch = HTTPField.Name("BaoCao-Epoch")!
    /// When the backup the answering node was restored from was made.
    public static let restoredFrom = HTTPField.Name("BaoCao-Restored-From")!
    /// The feed cursor after the page in the body.
    public static let cursor = HTTPField.Name("BaoCao-Cursor")!
    /// Each item of a feed page: its cursor, size, id and sender (``FeedItemList``).
    public static let items = HTTPField.Name("BaoCao-Items")!
    /// Whether more waits in the feed after this page.
    public static let more = HTTPField.Name("BaoCao-More")!
    /// The caller's clock (``ClockSkew``).
    public static let clock = HTTPField.Name("BaoCao-Clock")!
    /// The versions of the program the caller and the units below it run (``VersionReport``).
    public static let versions = HTTPField.Name("BaoCao-Versions")!
    /// A completed upload's answer for its bundle (``BundleAnswer``, JSON, percent-encoded).
    public static let answer = HTTPField.Name("BaoCao-Answer")!

    // tus 1.0
    public static let tusResumable = HTTPField.Name("Tus-Resumable")!
    public static let tusVersion = HTTPField.Name("Tus-Version")!
    public static let tusExtension = HTTPField.Name("Tus-Extension")!
    public static let tusMaxSize = HTTPField.Name("Tus-Max-Size")!
    public static let tusChecksumAlgorithm = HTTPField.Name("Tus-Checksum-Algorithm")!
    public static let uploadLength = HTTPField.Name("Upload-Length")!
    public static let uploadOffset = HTTPField.Name("Upload-Offset")!
    public static let uploadMetadata = HTTPField.Name("Upload-Metadata")!
    public static let uploadChecksum = HTTPField.Name("Upload-Checksum")!
    public static let uploadExpires = HTTPField.Name("Upload-Expires")!
}
