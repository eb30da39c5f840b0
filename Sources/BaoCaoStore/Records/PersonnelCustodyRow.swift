import BaoCaoCore
import Foundation
import GRDB

/// The newest custody set (seed 003 art. 12.4) of one holder this node has: a row of
/// `personnelCustody`. At the holder itself, the last one it sent; at a managing level or
/// the authority, the last one it opened — an older sequence never replaces it.
public struct PersonnelCustodyRow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "personnelCustody"

    public var holderUnit: UnitCode
    public var sequence: Int
    public var bundleId: String
    public var recordCount: Int
    public var at: Date

    public init(holderUnit: UnitCode, sequence: Int, bundleId: String, recordCount: Int, at: Date) {
        self.holderUnit = holderUnit
        self.sequence = sequence
        self.bundleId = bundleId
        self.recordCount = recordCount
        self.at = at
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}
