/// How large a workbook (`.xlsx`) brought from outside may be, like ``BundleLimits`` for a
/// bundle: a clerk's upload must not be able to make the node inflate or hold more than
/// a form could ever need. Every size is checked from the ZIP's central directory before
/// any part is inflated, and again as each part is inflated (a header that understates a
/// part's size is caught as its bytes come, ``RawInflate``).
public struct WorkbookLimits: Sendable, Hashable {
    /// The largest file, in bytes. The default is 32 MiB.
    public var maximumFileSize: Int
    /// The most entries the ZIP may hold. The default is 1,000 (Excel writes about a dozen).
    public var maximumEntries: Int
    /// The largest part read (`.xml`, `.rels`), uncompressed, in bytes. The default is 16 MiB.
    public var maximumPartSize: Int
    /// The largest total of the parts read, uncompressed, in bytes. The default is 32 MiB.
    public var maximumTotalSize: Int
    /// The largest ratio of uncompressed to compressed size of a part over
    /// ``compressionRatioFloor``. Worksheet XML compresses about 10 to 30 times; a bomb
    /// a thousand times. The default is 100.
    public var maximumCompressionRatio: Int
    /// The size, in bytes, under which a part's ratio is not held against it (a small
    /// part of repeated text may compress very well and costs nothing). The default is 1 MiB.
    public var compressionRatioFloor: Int
    /// The most cells one sheet, or shared strings the workbook, may hold. The default is 200,000.
    public var maximumCells: Int

    public init(maximumFileSize: Int = 32 << 20, maximumEntries: Int = 1_000, maximumPartSize: Int = 16 << 20,
                maximumTotalSize: Int = 32 << 20, maximumCompressionRatio: Int = 100, compressionRatioFloor: Int = 1 << 20,
                maximumCells: Int = 200_000) {
        self.maximumFileSize = maximumFileSize
        self.maximumEntries = maximumEntries
        self.maximumPartSize = maximumPartSize
        self.maximumTotalSize = maximumTotalSize
        self.maximumCompressionRatio = maximumCompressionRatio
        self.compressionRatioFloor = compressionRatioFloor
        self.maximumCells = maximumCells
    }

    public static let `default` = WorkbookLimits()
}
