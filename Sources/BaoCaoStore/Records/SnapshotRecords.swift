import BaoCaoCore
import Foundation
import GRDB

/// A numbered freeze of a regime-period's consolidated figures (số liệu chốt), taken when
/// the receiving window closes or a late report is accepted: a row of `snapshot`. Numbers
/// run from 1 per regime-period.
public struct SnapshotRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "snapshot"

    public enum Columns {
        public static let regimeCode = Column(CodingKeys.regimeCode)
        public static let period = Column(CodingKeys.period)
        public static let number = Column(CodingKeys.number)
    }

    public var regimeCode: RegimeCode
    public var period: Period
    public var number: Int
    public var takenAt: Date
    /// The login of the person whose action froze it.
    public var takenBy: String
    /// Why it was taken, in Vietnamese (the window closed; a late report was accepted).
    public var cause: String

    public init(regimeCode: RegimeCode, period: Period, number: Int, takenAt: Date, takenBy: String, cause: String) {
        self.regimeCode = regimeCode
        self.period = period
        self.number = number
        self.takenAt = takenAt
        self.takenBy = takenBy
        self.cause = cause
    }
}

/// One consolidated figure of a snapshot, a canonical decimal: a row of `snapshotValue`.
public struct SnapshotValueRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "snapshotValue"

    public enum Columns {
        public static let regimeCode = Column(CodingKeys.regimeCode)
        public static let period = Column(CodingKeys.period)
        public static let number = Column(CodingKeys.number)
        public static let key = Column(CodingKeys.key)
        public static let value = Column(CodingKeys.value)
    }

    public var regimeCode: RegimeCode
    public var period: Period
    public var number: Int
    /// The value key as written (`DS02[GT=nu]`).
    public var key: String
    public var value: String

    public init(regimeCode: RegimeCode, period: Period, number: Int, key: String, value: String) {
        self.regimeCode = regimeCode
        self.period = period
        self.number = number
        self.key = key
        self.value = value
    }
}

/// A report revision a snapshot counted: a row of `snapshotReport`.
public struct SnapshotReportRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "snapshotReport"

    public var regimeCode: RegimeCode
    public var period: Period
    public var number: Int
    public var reportId: Int64

    public init(regimeCode: RegimeCode, period: Period, number: Int, reportId: Int64) {
        self.regimeCode = regimeCode
        self.period = period
        self.number = number
        self.reportId = reportId
    }
}

extension DerivableRequest<SnapshotRecord> {
    /// The snapshots of one regime-period.
    public func filter(regime: RegimeCode, period: Period) -> Self {
        filter(SnapshotRecord.Columns.regimeCode == regime && SnapshotRecord.Columns.period == period)
    }
}

extension DerivableRequest<SnapshotValueRecord> {
    /// The figures of one snapshot.
    public func filter(regime: RegimeCode, period: Period, number: Int) -> Self {
        filter(SnapshotValueRecord.Columns.regimeCode == regime && SnapshotValueRecord.Columns.period == period
               && SnapshotValueRecord.Columns.number == number)
    }
}
