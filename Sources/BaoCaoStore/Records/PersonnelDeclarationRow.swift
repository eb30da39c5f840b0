import BaoCaoCore
import Foundation
import GRDB

/// One person's yearly supplementary declaration (phiếu bổ sung lý lịch, seed 003 art.
/// 9.2b): requested for a year, outstanding until a ``PersonnelChange/personalDetails(_:)``
/// event is recorded for the person: a row of `personnelDeclaration`.
public struct PersonnelDeclarationRow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "personnelDeclaration"

    public enum Columns {
        public static let year = Column(CodingKeys.year)
        public static let recordId = Column(CodingKeys.recordId)
        public static let declaredAt = Column(CodingKeys.declaredAt)
    }

    public var year: Int
    public var recordId: PersonnelID
    public var requestedBy: String
    public var requestedAt: Date
    /// The event that declared it, once recorded.
    public var declaredSequence: Int?
    public var declaredAt: Date?

    public init(year: Int, recordId: PersonnelID, requestedBy: String, requestedAt: Date) {
        self.year = year
        self.recordId = recordId
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}
