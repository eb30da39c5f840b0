import Foundation
import GRDB

/// A section of the unit (phòng, ban; seed 002 art. 10): a row of `unitSection`.
///
/// `code` compares without case (`COLLATE NOCASE`); ``createdAt`` is ``StoredTime`` text.
public struct UnitSectionRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "unitSection"

    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let name = Column(CodingKeys.name)
        public static let headUserId = Column(CodingKeys.headUserId)
    }

    public var code: String
    public var name: String
    /// The account that heads the section, if one is set.
    public var headUserId: Int64?
    public var createdAt: Date

    public init(code: String, name: String, headUserId: Int64?, createdAt: Date) {
        self.code = code
        self.name = name
        self.headUserId = headUserId
        self.createdAt = createdAt
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}

/// A person working in a section: a row of `sectionMember`.
public struct SectionMemberRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sectionMember"

    public enum Columns {
        public static let sectionCode = Column(CodingKeys.sectionCode)
        public static let userId = Column(CodingKeys.userId)
    }

    public var sectionCode: String
    public var userId: Int64
    public var addedAt: Date

    public init(sectionCode: String, userId: Int64, addedAt: Date) {
        self.sectionCode = sectionCode
        self.userId = userId
        self.addedAt = addedAt
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}

/// The leader's hand-over of approving a section's figures (duyệt số liệu) to a named
/// clerk (seed 002 arts. 12.3–12.4): a row of `sectionDelegation`. Revoking keeps the row,
/// with who revoked it and when; at most one row per clerk and section is in force.
public struct SectionDelegationRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sectionDelegation"

    public enum Columns {
        public static let sectionCode = Column(CodingKeys.sectionCode)
        public static let userId = Column(CodingKeys.userId)
        public static let revokedBy = Column(CodingKeys.revokedBy)
        public static let revokedAt = Column(CodingKeys.revokedAt)
    }

    public var id: Int64?
    public var sectionCode: String
    public var userId: Int64
    /// The login of the leader who granted it.
    public var grantedBy: String
    public var grantedAt: Date
    public var revokedBy: String?
    public var revokedAt: Date?

    public init(sectionCode: String, userId: Int64, grantedBy: String, grantedAt: Date) {
        self.sectionCode = sectionCode
        self.userId = userId
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DerivableRequest<SectionMemberRecord> {
    public func filter(section code: String, userId: Int64) -> Self {
        filter(SectionMemberRecord.Columns.sectionCode == code && SectionMemberRecord.Columns.userId == userId)
    }
}

extension DerivableRequest<SectionDelegationRecord> {
    /// Delegations not revoked.
    public func inForce() -> Self {
        filter(SectionDelegationRecord.Columns.revokedAt == nil)
    }

    public func filter(section code: String, userId: Int64) -> Self {
        filter(SectionDelegationRecord.Columns.sectionCode == code && SectionDelegationRecord.Columns.userId == userId)
    }
}
