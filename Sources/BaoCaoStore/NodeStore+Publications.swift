import BaoCaoCore
import Foundation
import GRDB

/// Publications on the province's public page. What may be published, and by whom, is
/// decided by the services; the store numbers and keeps them.
extension NodeStore {
    /// Records the next publication of a regime-period, in the caller's transaction;
    /// `record.number` is replaced by the next number, which is returned. Its figures are
    /// those of the snapshot it names (``publicationValues(regime:period:number:in:)``),
    /// immutable once frozen: nothing is copied.
    @discardableResult
    public static func recordPublication(_ record: PublicationRecord, in db: Database) throws -> Int {
        let last = try PublicationRecord.all().filter(regime: record.regimeCode, period: record.period)
            .select(max(PublicationRecord.Columns.number), as: Int.self).fetchOne(db)
        var numbered = record
        numbered.number = (last ?? 0) + 1
        try numbered.insert(db)
        return numbered.number
    }

    /// Every publication of a regime-period, oldest first.
    public static func publications(regime: RegimeCode, period: Period, in db: Database) throws -> [PublicationRecord] {
        try PublicationRecord.all().filter(regime: regime, period: period).order(PublicationRecord.Columns.number).fetchAll(db)
    }

    /// The latest publication of each published period of a regime, by period.
    public static func latestPublications(regime: RegimeCode, in db: Database) throws -> [PublicationRecord] {
        try PublicationRecord.fetchAll(db, sql: """
            SELECT p.* FROM publication p
            WHERE p.regimeCode = ?
              AND p.number = (SELECT MAX(number) FROM publication x WHERE x.regimeCode = p.regimeCode AND x.period = p.period)
            ORDER BY p.period
            """, arguments: [regime])
    }

    /// A publication's figures: those of the snapshot it published.
    public static func publicationValues(regime: RegimeCode, period: Period, number: Int, in db: Database) throws -> [ValueKey: ExactDecimal] {
        guard let snapshot = try PublicationRecord.fetchOne(db, key: ["regimeCode": regime, "period": period, "number": number])?.snapshotNumber else {
            return [:]
        }
        return try snapshotValues(regime: regime, period: period, number: snapshot, in: db)
    }

    /// The report revisions a snapshot counted, as stored (their unit, revision and state).
    public static func snapshotReportRecords(regime: RegimeCode, period: Period, number: Int, in db: Database) throws -> [ReportRecord] {
        try ReportRecord.fetchAll(db, sql: """
            SELECT r.* FROM snapshotReport s JOIN report r ON r.id = s.reportId
            WHERE s.regimeCode = ? AND s.period = ? AND s.number = ? ORDER BY r.unitCode
            """, arguments: [regime, period, number])
    }
}
