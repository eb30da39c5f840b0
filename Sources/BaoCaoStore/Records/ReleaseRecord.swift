import BaoCaoCore
import Foundation
import GRDB

/// A release as the node keeps it: the exact `release.json` bytes and what identifies
/// them. The bundle layer reads the bytes; the store only keeps them, in every version.
public struct StoredRelease: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "release"

    public var publisher: UnitCode
    public var version: Int
    public var contentHash: String
    public var previousHash: String?
    public var publishedAt: Date
    public var receivedAt: Date
    public var bundleId: String?
    public var content: Data

    public init(publisher: UnitCode, version: Int, contentHash: String, previousHash: String?, publishedAt: Date,
                receivedAt: Date, bundleId: String?, content: Data) {
        self.publisher = publisher
        self.version = version
        self.contentHash = contentHash
        self.previousHash = previousHash
        self.publishedAt = publishedAt
        self.receivedAt = receivedAt
        self.bundleId = bundleId
        self.content = content
    }
}
