import BaoCaoCore
import Foundation
import GRDB

/// What a personnel grant lets an account do with the records this node may read (seed
/// 003 art. 3.3, 13.2): enter and update them, read them, or see their sensitive fields.
public enum PersonnelScope: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Cán bộ quản lý hồ sơ: enters and updates the unit's records (and reads them).
    case edit
    /// Khai thác: reads records.
    case read
    /// Sees the sensitive fields (``PersonnelField/isSensitive``) of the records it reads.
    case sensitive

    public var vietnameseName: String {
        switch self {
        case .edit: "cập nhật hồ sơ"
        case .read: "khai thác hồ sơ"
        case .sensitive: "xem thông tin nhạy cảm"
        }
    }
}

/// One grant of personnel access to an account, with the written approval it rests on
/// (the document's number and date), who granted it and when, and, once revoked, by whom
/// and when: a row of `personnelGrant`. Revoked grants stay, as the record of who could
/// read what when.
public struct PersonnelGrantRow: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "personnelGrant"

    public enum Columns {
        public static let userId = Column(CodingKeys.userId)
        public static let scope = Column(CodingKeys.scope)
        public static let revokedAt = Column(CodingKeys.revokedAt)
    }

    public var id: Int64?
    public var userId: Int64
    public var scope: PersonnelScope
    /// The approving document's number and symbol as written (`15/QĐ-UBND`).
    public var documentNumber: String
    public var documentDate: CivilDate
    /// The admin's login.
    public var grantedBy: String
    public var grantedAt: Date
    public var revokedBy: String?
    public var revokedAt: Date?

    public init(userId: Int64, scope: PersonnelScope, documentNumber: String, documentDate: CivilDate, grantedBy: String, grantedAt: Date) {
        self.userId = userId
        self.scope = scope
        self.documentNumber = documentNumber
        self.documentDate = documentDate
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension CivilDate: DatabaseValueConvertible {}
