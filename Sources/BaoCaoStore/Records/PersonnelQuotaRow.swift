import BaoCaoCore
import Foundation
import GRDB

/// A unit's staffing quota (biên chế, seed 003 art. 5.2d), for the whole unit or one of its
/// sections, with the decision it rests on: a row of `personnelQuota`. Setting it again
/// replaces it.
public struct PersonnelQuotaRow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "personnelQuota"

    public enum Columns {
        public static let unit = Column(CodingKeys.unit)
        public static let section = Column(CodingKeys.section)
    }

    public var unit: UnitCode
    /// The section (phòng, ban) the quota is for; empty for the whole unit.
    public var section: String
    public var headcount: Int
    public var decisionNumber: String
    public var decisionDate: CivilDate
    public var setBy: String
    public var setAt: Date

    public init(unit: UnitCode, section: String, headcount: Int, decisionNumber: String, decisionDate: CivilDate,
                setBy: String, setAt: Date) {
        self.unit = unit
        self.section = section
        self.headcount = headcount
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.setBy = setBy
        self.setAt = setAt
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}
