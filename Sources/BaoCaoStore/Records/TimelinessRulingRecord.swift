import BaoCaoCore
import Foundation
import GRDB

/// A reviewer's ruling on a report whose timeliness was flagged: which time stands, why,
/// who ruled and when. A row of `timelinessRuling`, keyed by the bundle judged (the first
/// revision's); a later ruling replaces it, while the audit log keeps both.
public struct TimelinessRulingRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "timelinessRuling"

    public var bundleId: String
    public var regimeCode: RegimeCode
    public var period: Period
    public var unitCode: UnitCode
    public var ruling: TimelinessRuling
    public var reason: String
    public var decidedBy: String
    public var decidedAt: Date

    public init(bundleId: String, regimeCode: RegimeCode, period: Period, unitCode: UnitCode, ruling: TimelinessRuling, reason: String,
                decidedBy: String, decidedAt: Date) {
        self.bundleId = bundleId
        self.regimeCode = regimeCode
        self.period = period
        self.unitCode = unitCode
        self.ruling = ruling
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}
