import BaoCaoCore
import Foundation
import GRDB

/// The leader's return of one section's figures of a draft report to the section that
/// made them, with a reason (seed 002 art. 12.4a): a row of `sectionReturn`. The return
/// is open until the section's figures are approved again (``resolvedBy``,
/// ``resolvedAt``); the row is kept after, as the report's history. Instants are
/// ``StoredTime`` text.
public struct SectionReturnRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "sectionReturn"

    public enum Columns {
        public static let reportId = Column(CodingKeys.reportId)
        public static let sectionCode = Column(CodingKeys.sectionCode)
        public static let resolvedAt = Column(CodingKeys.resolvedAt)
        public static let resolvedBy = Column(CodingKeys.resolvedBy)
    }

    public var id: Int64?
    public var reportId: Int64
    /// The form section's code (the unit's section of the same code enters its figures).
    public var sectionCode: String
    public var reason: String
    /// The login of the leader who returned it.
    public var returnedBy: String
    public var returnedAt: Date
    /// Who approved the section's corrected figures, closing the return.
    public var resolvedBy: String?
    public var resolvedAt: Date?

    public var isOpen: Bool { resolvedAt == nil }

    public init(reportId: Int64, sectionCode: String, reason: String, returnedBy: String, returnedAt: Date) {
        self.reportId = reportId
        self.sectionCode = sectionCode
        self.reason = reason.nfc
        self.returnedBy = returnedBy
        self.returnedAt = returnedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}
