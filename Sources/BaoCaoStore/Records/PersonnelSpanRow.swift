import BaoCaoCore
import Foundation
import GRDB

/// One span of days over which a record's counted state stays the same, with the facts
/// the roster and the statistics count: a row of `personnelSpan`. Written from
/// ``PersonnelRecord/stateChanges()`` on every write of the record, so the roster or a
/// statistics table on any date is one indexed query over
/// `validFrom <= date AND (validUntil IS NULL OR validUntil > date)`.
public struct PersonnelSpanRow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "personnelSpan"

    public enum Columns {
        public static let recordId = Column(CodingKeys.recordId)
        public static let validFrom = Column(CodingKeys.validFrom)
        public static let validUntil = Column(CodingKeys.validUntil)
        public static let holderUnit = Column(CodingKeys.holderUnit)
        public static let unit = Column(CodingKeys.unit)
        public static let section = Column(CodingKeys.section)
        public static let status = Column(CodingKeys.status)
    }

    public var recordId: PersonnelID
    public var validFrom: CivilDate
    /// The first day of the next span; `nil` while the span is open.
    public var validUntil: CivilDate?
    /// The record's holder (``PersonnelRecordRow/holderUnit``), to read only what this node may.
    public var holderUnit: UnitCode
    /// The unit whose roster the person is on (or was last on).
    public var unit: UnitCode
    public var section: String?
    public var status: PersonnelStatus
    public var kind: PersonnelKind
    public var sex: PersonIdentity.Sex
    /// The age on a date is computed from it.
    public var birthDate: CivilDate
    /// `ethnicities` code, as last declared.
    public var ethnicity: String?
    /// `ranks` code of the pay in force.
    public var rank: String?
    /// The `trainingLevels` codes of the trainings finished, comma-separated.
    public var trainingLevels: String
    /// The positions held, `category:code`, comma-separated.
    public var positions: String

    public init(recordId: PersonnelID, validFrom: CivilDate, validUntil: CivilDate?, holderUnit: UnitCode, unit: UnitCode,
                section: String?, status: PersonnelStatus, kind: PersonnelKind, sex: PersonIdentity.Sex, birthDate: CivilDate,
                ethnicity: String?, rank: String?, trainingLevels: String, positions: String) {
        self.recordId = recordId
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.holderUnit = holderUnit
        self.unit = unit
        self.section = section
        self.status = status
        self.kind = kind
        self.sex = sex
        self.birthDate = birthDate
        self.ethnicity = ethnicity
        self.rank = rank
        self.trainingLevels = trainingLevels
        self.positions = positions
    }
}

extension PersonnelStatus: DatabaseValueConvertible {}
extension PersonnelKind: DatabaseValueConvertible {}
extension PersonIdentity.Sex: DatabaseValueConvertible {}
