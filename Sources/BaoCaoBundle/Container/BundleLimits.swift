/// How large a bundle may be. A bundle comes from another machine, possibly hostile or
/// broken: every size is checked before anything is read into memory.
public struct BundleLimits: Sendable, Hashable {
    /// The most entries a bundle may hold, manifest and signature included. The default is 1,000.
    public var maximumEntries: Int
    /// The largest uncompressed part, in bytes. The default is 64 MiB.
    public var maximumPartSize: Int
    /// The largest total of all parts, uncompressed, in bytes. The default is 256 MiB.
    public var maximumTotalSize: Int
    /// The largest manifest, in bytes. The default is 1 MiB.
    public var maximumManifestSize: Int
    /// The largest ratio of uncompressed to compressed size of any entry. Deflate cannot do
    /// better than about 1032:1, so a larger ratio means headers that lie. The default is 1100;
    /// the size limits above bound what an honest but very compressible bundle may hold.
    public var maximumCompressionRatio: Int

    public init(maximumEntries: Int = 1_000, maximumPartSize: Int = 64 << 20, maximumTotalSize: Int = 256 << 20,
                maximumManifestSize: Int = 1 << 20, maximumCompressionRatio: Int = 1100) {
        self.maximumEntries = maximumEntries
        self.maximumPartSize = maximumPartSize
        self.maximumTotalSize = maximumTotalSize
        self.maximumManifestSize = maximumManifestSize
        self.maximumCompressionRatio = maximumCompressionRatio
    }

    public static let `default` = BundleLimits()
}
