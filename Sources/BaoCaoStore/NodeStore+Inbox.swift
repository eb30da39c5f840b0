import BaoCaoCore
import Foundation
import GRDB

/// The receiver's side of reports: who handles each incoming regime, and which received
/// revisions still wait for a decision. Read and written inside the caller's transaction.
extension NodeStore {
    /// Who handles an incoming regime, if someone was assigned it.
    public static func assignee(ofRegime regime: RegimeCode, in db: Database) throws -> String? {
        try RegimeAssignmentRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM \(RegimeAssignmentRecord.databaseTableName) WHERE regimeCode = ?"),
                                            arguments: [regime])?.login
    }

    /// Assigns an incoming regime to a person, replacing whoever handled it before.
    public static func assignRegime(_ regime: RegimeCode, to login: String, by assigner: String, at instant: Date, in db: Database) throws {
        try RegimeAssignmentRecord(regimeCode: regime, login: login, assignedBy: assigner, assignedAt: instant).insert(db, onConflict: .replace)
    }

    /// Assigns to a person every revision of a regime received from another unit that
    /// still waits for a decision.
    public static func assignReceivedReports(regime: RegimeCode, to login: String, excludingUnit home: UnitCode, in db: Database) throws {
        try ReportRecord.all().receivedHere(excludingUnit: home)
            .filter(ReportRecord.Columns.regimeCode == regime && ReportRecord.Columns.state == ReportState.received.rawValue)
            .updateAll(db, ReportRecord.Columns.assignedTo.set(to: login))
    }

    /// The ids of the revisions of a regime-period received from other units that wait for a
    /// decision, each unit's latest only (an older one waits for nothing), by unit.
    public static func undecidedLatestRevisions(regime: RegimeCode, period: Period, excludingUnit home: UnitCode,
                                                in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT r.id FROM report r
            WHERE r.regimeCode = ? AND r.period = ? AND r.unitCode <> ? AND r.relayedFor IS NULL AND r.state = 'received'
              AND NOT EXISTS (SELECT 1 FROM report n WHERE n.regimeCode = r.regimeCode AND n.period = r.period
                              AND n.unitCode = r.unitCode AND n.revision > r.revision AND n.relayedFor IS NULL)
            ORDER BY r.unitCode
            """, arguments: [regime, period, home])
    }

    /// The units that have a revision of a regime-period here in one of `states` (archive
    /// copies of reports exchanged below do not count).
    public static func reportingUnits(regime: RegimeCode, period: Period, states: Set<ReportState>, in db: Database) throws -> Set<UnitCode> {
        Set(try ReportRecord.all().filter(regime: regime, period: period)
            .filter(states.map(\.rawValue).contains(ReportRecord.Columns.state) && ReportRecord.Columns.relayedFor == nil)
            .select(ReportRecord.Columns.unitCode, as: UnitCode.self).distinct().fetchAll(db))
    }
}
