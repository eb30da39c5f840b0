import BaoCaoCore
import Foundation
import GRDB

/// Whether a node keeps a record as the unit that employs (or last employed) the person,
/// or holds a copy as a managing level or the Sở Nội vụ (seed 003 art. 7, 12.4).
public enum PersonnelHolding: String, Sendable, Hashable, Codable, DatabaseValueConvertible {
    /// This node's unit (or a unit it hosts) keeps the record: it enters and changes it,
    /// and keeps it after the person leaves (art. 12.3), marked transferred, retired …
    case kept
    /// A read-only copy from the unit that keeps it (a custody or transfer bundle opened
    /// here as a managing level or the authority): replaced by each newer copy.
    case copy
}

/// One person's record as this node holds it: a row of `personnelRecord`. The record itself
/// is ``document`` (``PersonnelRecord/jsonData()``); the other columns are read from it on
/// every write, for the roster, search and the statistics to query without decoding it.
public struct PersonnelRecordRow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "personnelRecord"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let holderUnit = Column(CodingKeys.holderUnit)
        public static let holding = Column(CodingKeys.holding)
        public static let searchKey = Column(CodingKeys.searchKey)
        public static let status = Column(CodingKeys.status)
    }

    public var id: PersonnelID
    /// The unit whose records these are: the unit that keeps the record (for a copy, the
    /// sender of the bundle it came in).
    public var holderUnit: UnitCode
    public var holding: PersonnelHolding
    public var document: Data
    public var fullName: String
    /// ``VietnameseText/searchKey(_:)`` of the name: lower case, no diacritics.
    public var searchKey: String
    /// The current status, kind, section and rank (counted events only).
    public var status: String
    public var kind: String
    public var section: String?
    public var rank: String?
    /// The bundle a copy came in; `nil` for a record kept here.
    public var sourceBundleId: String?
    public var updatedAt: Date

    public init(id: PersonnelID, holderUnit: UnitCode, holding: PersonnelHolding, document: Data, fullName: String,
                searchKey: String, status: String, kind: String, section: String?, rank: String?,
                sourceBundleId: String?, updatedAt: Date) {
        self.id = id
        self.holderUnit = holderUnit
        self.holding = holding
        self.document = document
        self.fullName = fullName
        self.searchKey = searchKey
        self.status = status
        self.kind = kind
        self.section = section
        self.rank = rank
        self.sourceBundleId = sourceBundleId
        self.updatedAt = updatedAt
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}

extension PersonnelID: DatabaseValueConvertible {}
