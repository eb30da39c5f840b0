import BaoCaoCore
import Foundation
import GRDB

/// Reports received outside the system (``OutsideReportRecord``): kept, listed, and standing
/// in for the unit's report — in the consolidated figures until its own signed report is
/// accepted here, in completeness as an arrival at the time the document came.
extension NodeStore {
    /// Keeps a report received outside the system, in the caller's transaction.
    public static func recordOutsideReport(_ record: inout OutsideReportRecord, in db: Database) throws {
        try record.insert(db)
    }

    /// Reports received outside the system, newest first; optionally one regime, one period.
    public static func outsideReports(regime: RegimeCode? = nil, period: Period? = nil, in db: Database) throws -> [OutsideReportRecord] {
        var request = OutsideReportRecord.all()
        if let regime { request = request.filter(OutsideReportRecord.Columns.regimeCode == regime) }
        if let period { request = request.filter(OutsideReportRecord.Columns.period == period) }
        return try request.order(OutsideReportRecord.Columns.id.desc).fetchAll(db)
    }

    /// One report received outside the system.
    public static func outsideReport(id: Int64, in db: Database) throws -> OutsideReportRecord? {
        try OutsideReportRecord.fetchOne(db, key: id)
    }

    /// The unit's latest signed revision of a regime-period accepted here, if any: what supersedes its report received outside the system.
    public static func latestAcceptedRevision(regime: RegimeCode, period: Period, unit: UnitCode, in db: Database) throws -> ReportRecord? {
        try ReportRecord.all().filter(regime: regime, period: period)
            .filter(ReportRecord.Columns.unitCode == unit && ReportRecord.Columns.relayedFor == nil
                    && ReportRecord.Columns.state == ReportState.accepted.rawValue)
            .order(ReportRecord.Columns.revision.desc).fetchOne(db)
    }

    /// For each unit and period, its report received outside the system: the latest
    /// recorded (a corrected document replaces an earlier one), or with `earliest` the
    /// first (the one timeliness is judged by).
    public static func outsideStandIns(regime: RegimeCode, periods: [Period], earliest: Bool = false, in db: Database) throws -> [OutsideReportRecord] {
        guard !periods.isEmpty else { return [] }
        return try OutsideReportRecord.fetchAll(db, sql: """
            SELECT o.* FROM outsideReport o
            WHERE o.regimeCode = ? AND o.period IN (\(databaseQuestionMarks(count: periods.count)))
              AND o.id = (SELECT \(earliest ? "MIN" : "MAX")(x.id) FROM outsideReport x
                          WHERE x.regimeCode = o.regimeCode AND x.period = o.period AND x.unitCode = o.unitCode)
            ORDER BY o.period, o.unitCode
            """, arguments: StatementArguments([regime]) + StatementArguments(periods))
    }

    /// `reports` (each unit's latest revision in `states`) with, for every unit and period
    /// that has none, its report received outside the system standing in — counted as
    /// accepted, so only when `states` has `accepted`: once the unit's own signed report is
    /// accepted here, that one counts instead. A stand-in's header has no id, no bundle and revision 0.
    static func addingOutsideStandIns(to reports: [ContributedReport], regime: RegimeCode, periods: [Period], states: Set<ReportState>,
                                      units: Set<UnitCode>?, in db: Database) throws -> [ContributedReport] {
        guard states.contains(.accepted) else { return reports }
        let standIns = try outsideStandIns(regime: regime, periods: periods, in: db)
        guard !standIns.isEmpty else { return reports }
        let held = Set(reports.map { StandInKey(period: $0.header.period, unit: $0.header.unitCode) })
        var result = reports
        for standIn in standIns where units?.contains(standIn.unitCode) ?? true {
            guard !held.contains(StandInKey(period: standIn.period, unit: standIn.unitCode)) else { continue }
            result.append(ContributedReport(header: standIn.header, values: try standIn.values().compactMapValues(\.number)))
        }
        return result
    }

    /// `arrivals` with each unit's first report received outside the system, as an arrival
    /// at the time the document came (revision 0, before any signed revision: timeliness
    /// goes by it), accepted, with no bundle.
    static func addingOutsideArrivals(to arrivals: inout [Period: [ReportArrival]], regime: RegimeCode, periods: [Period], in db: Database) throws {
        for standIn in try outsideStandIns(regime: regime, periods: periods, earliest: true, in: db) {
            arrivals[standIn.period, default: []].insert(
                ReportArrival(unitCode: standIn.unitCode, revision: 0, state: .accepted, signedAt: standIn.receivedAt, receivedAt: standIn.receivedAt,
                              bundleId: nil, clockSkewAtArrival: 0), at: 0)
        }
    }

    private struct StandInKey: Hashable {
        let period: Period
        let unit: UnitCode
    }
}

extension ReportHeader {
    /// A report received outside the system standing in for the unit's (``OutsideReportRecord/header``): not a signed original.
    public var isOutsideStandIn: Bool { id == nil && bundleId == nil && revision == 0 }
}

extension OutsideReportRecord {
    /// The header it stands in with: accepted, revision 0, no id, no bundle.
    public var header: ReportHeader {
        ReportHeader(regimeCode: regimeCode, period: period, unitCode: unitCode, revision: 0, state: .accepted, formCode: formCode,
                     formVersion: formVersion, signedAt: receivedAt, receivedAt: receivedAt)
    }
}
