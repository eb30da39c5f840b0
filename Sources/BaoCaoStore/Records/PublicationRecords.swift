import BaoCaoCore
import Foundation
import GRDB

/// A regime-period's figures as the province's publisher published them on the public
/// page (seed 000 art. 12.3): a row of `publication`. Numbers run from 1 per regime-period;
/// a correction is the next number, with its reason. The figures are those of the frozen
/// snapshot named (read from it, never copied), and the completeness behind them is kept
/// as it stood when published.
public struct PublicationRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "publication"

    public enum Columns {
        public static let regimeCode = Column(CodingKeys.regimeCode)
        public static let period = Column(CodingKeys.period)
        public static let number = Column(CodingKeys.number)
        public static let publishedAt = Column(CodingKeys.publishedAt)
    }

    public var regimeCode: RegimeCode
    public var period: Period
    public var number: Int
    /// The snapshot (số liệu chốt) whose figures were published.
    public var snapshotNumber: Int
    public var publishedAt: Date
    /// The login of the publisher.
    public var publishedBy: String
    /// How many units were expected to report.
    public var expectedUnits: Int
    /// How many of them the snapshot counted (their accepted reports).
    public var reportedUnits: Int
    /// Of those, how many reported on time, and late.
    public var onTimeUnits: Int
    public var lateUnits: Int
    /// Why a correction was published, in the publisher's words; nil for the first.
    public var reason: String?

    public init(regimeCode: RegimeCode, period: Period, number: Int, snapshotNumber: Int, publishedAt: Date, publishedBy: String,
                expectedUnits: Int, reportedUnits: Int, onTimeUnits: Int, lateUnits: Int, reason: String?) {
        self.regimeCode = regimeCode
        self.period = period
        self.number = number
        self.snapshotNumber = snapshotNumber
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.expectedUnits = expectedUnits
        self.reportedUnits = reportedUnits
        self.onTimeUnits = onTimeUnits
        self.lateUnits = lateUnits
        self.reason = reason
    }
}

extension DerivableRequest<PublicationRecord> {
    /// The publications of one regime-period.
    public func filter(regime: RegimeCode, period: Period) -> Self {
        filter(PublicationRecord.Columns.regimeCode == regime && PublicationRecord.Columns.period == period)
    }
}
