import BaoCaoCore
import Foundation
import GRDB

/// Snapshots of consolidated figures (số liệu chốt). What a snapshot counts and how its
/// figures combine is worked out by the services; the store numbers and keeps them.
extension NodeStore {
    /// Records the next snapshot of a regime-period with its figures and the revisions it
    /// counted, in the caller's transaction; returns its number (from 1).
    @discardableResult
    public static func recordSnapshot(regime: RegimeCode, period: Period, values: [ValueKey: ExactDecimal], reports: [Int64],
                                      takenBy login: String, cause: String, at instant: Date, in db: Database) throws -> Int {
        let last = try SnapshotRecord.all().filter(regime: regime, period: period)
            .select(max(SnapshotRecord.Columns.number), as: Int.self).fetchOne(db)
        let number = (last ?? 0) + 1
        try SnapshotRecord(regimeCode: regime, period: period, number: number, takenAt: instant, takenBy: login, cause: cause).insert(db)
        for (key, value) in values {
            try SnapshotValueRecord(regimeCode: regime, period: period, number: number, key: key.description, value: value.description).insert(db)
        }
        for reportId in reports {
            try SnapshotReportRecord(regimeCode: regime, period: period, number: number, reportId: reportId).insert(db)
        }
        return number
    }

    /// Every snapshot of a regime-period, oldest first.
    public static func snapshots(regime: RegimeCode, period: Period, in db: Database) throws -> [SnapshotRecord] {
        try SnapshotRecord.all().filter(regime: regime, period: period).order(SnapshotRecord.Columns.number).fetchAll(db)
    }

    /// A snapshot's figures.
    public static func snapshotValues(regime: RegimeCode, period: Period, number: Int, in db: Database) throws -> [ValueKey: ExactDecimal] {
        var result: [ValueKey: ExactDecimal] = [:]
        for record in try SnapshotValueRecord.all().filter(regime: regime, period: period, number: number).fetchAll(db) {
            result[try ValueKey(parsing: record.key)] = try ExactDecimal(canonical: record.value)
        }
        return result
    }

    /// The units whose revisions a snapshot counted, with the revision, by unit.
    public static func snapshotReports(regime: RegimeCode, period: Period, number: Int, in db: Database) throws -> [(unit: UnitCode, revision: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT r.unitCode, r.revision FROM snapshotReport s JOIN report r ON r.id = s.reportId
            WHERE s.regimeCode = ? AND s.period = ? AND s.number = ? ORDER BY r.unitCode
            """, arguments: [regime, period, number]).map { (unit: try $0.decode(forColumn: "unitCode"), revision: $0["revision"] as Int) }
    }

    /// Each other unit's latest accepted revision of a regime-period received here (archive
    /// copies of reports exchanged below are not counted), by unit.
    public static func latestAcceptedReports(regime: RegimeCode, period: Period, excludingUnit home: UnitCode,
                                             in db: Database) throws -> [ReportRecord] {
        try ReportRecord.fetchAll(db, sql: """
            SELECT r.* FROM report r
            WHERE r.regimeCode = ? AND r.period = ? AND r.unitCode <> ? AND r.state = 'accepted' AND r.relayedFor IS NULL
              AND r.revision = (SELECT MAX(revision) FROM report x WHERE x.regimeCode = r.regimeCode AND x.period = r.period
                                AND x.unitCode = r.unitCode AND x.state = 'accepted')
            ORDER BY r.unitCode
            """, arguments: [regime, period, home])
    }
}
