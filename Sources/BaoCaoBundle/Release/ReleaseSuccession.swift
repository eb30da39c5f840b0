import BaoCaoCore

/// The last release of a province's chain names who continues it (a province merged into
/// another in 2025): the successor's publisher, the keys that sign its releases, and the
/// version of its first release a node of this chain takes next (``ReleaseGate``).
public struct ReleaseSuccessor: Sendable, Hashable, Codable {
    /// The continuing province's code (it may be this chain's own code, under new keys).
    public var publisher: UnitCode
    /// SHA-256 fingerprints of the certificates that may sign the successor's releases.
    public var publisherKeys: [String]
    /// The version of the successor's release that continues this chain (usually 1).
    public var firstVersion: Int

    public init(publisher: UnitCode, publisherKeys: [String], firstVersion: Int = 1) {
        self.publisher = publisher
        self.publisherKeys = publisherKeys
        self.firstVersion = firstVersion
    }
}

/// A release of another chain that a release continues: the first release of a merged
/// province names the last release of each predecessor province's chain by its hash.
public struct ReleaseLink: Sendable, Hashable, Codable {
    public var publisher: UnitCode
    public var version: Int
    /// The SHA-256 of that release's `release.json` (``AcceptedRelease/hash``).
    public var hash: String

    public init(publisher: UnitCode, version: Int, hash: String) {
        self.publisher = publisher
        self.version = version
        self.hash = hash
    }
}
