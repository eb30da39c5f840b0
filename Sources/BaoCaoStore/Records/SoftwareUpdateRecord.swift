import BaoCaoCore
import Foundation
import GRDB

/// A software update this node took: a row of `softwareUpdate`. The store keeps the exact
/// `update.json` bytes; the bundle layer reads them. The package is in the bundle's file.
public struct SoftwareUpdateRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "softwareUpdate"

    public var contentHash: String
    public var publisher: UnitCode
    public var version: SoftwareVersion
    public var previousHash: String?
    public var publishedAt: Date
    public var receivedAt: Date
    public var bundleId: String
    public var content: Data

    public init(contentHash: String, publisher: UnitCode, version: SoftwareVersion, previousHash: String?, publishedAt: Date,
                receivedAt: Date, bundleId: String, content: Data) {
        self.contentHash = contentHash
        self.publisher = publisher
        self.version = version
        self.previousHash = previousHash
        self.publishedAt = publishedAt
        self.receivedAt = receivedAt
        self.bundleId = bundleId
        self.content = content
    }
}
