/// How much a sealed dossier may hold once opened: checked before it is decoded (its size)
/// and while it is (records, scans), so an opened dossier from a stolen key cannot
/// exhaust the receiving node.
public struct PersonnelDossierLimits: Sendable, Hashable {
    /// The largest dossier, in bytes of JSON: the sealed part's limit (64 MiB).
    public var maximumSize: Int
    /// The most records one dossier carries: a large unit's complete custody set.
    public var maximumRecords: Int
    /// The most scans, and their largest total size in bytes.
    public var maximumScans: Int
    public var maximumScanBytes: Int

    public init(maximumSize: Int = 64 << 20, maximumRecords: Int = 20_000, maximumScans: Int = 200, maximumScanBytes: Int = 40 << 20) {
        self.maximumSize = maximumSize
        self.maximumRecords = maximumRecords
        self.maximumScans = maximumScans
        self.maximumScanBytes = maximumScanBytes
    }

    public static let `default` = PersonnelDossierLimits()
}
