import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Numbered freezes of a regime-period's consolidated figures (số liệu chốt): each
/// child's latest accepted revision combined by the indicators' rules, plus the node's
/// own latest revision, as they stand when the window closes or a late report is accepted.
enum Snapshots {
    /// Takes the next snapshot; returns its number.
    @discardableResult
    static func take(regime regimeCode: RegimeCode, period: Period, catalog: Catalog, home: UnitCode, cause: String, by actor: StaffMember,
                     at now: Date, in db: Database) throws -> Int {
        guard let regime = catalog.regime(code: regimeCode), let form = catalog.form(code: regime.form) else {
            throw ServiceError(.notFound, message: "Không có chế độ \(regimeCode) hoặc biểu mẫu của nó.", log: "snapshot: no regime")
        }
        let counted = try countedReports(regime: regimeCode, period: period, home: home, in: db)
        var contributions: [[ValueKey: ExactDecimal]] = []
        for report in counted {
            var numbers: [ValueKey: ExactDecimal] = [:]
            for (key, value) in try NodeStore.values(ofReport: report.id!, in: db) {
                if let number = value.number { numbers[key] = number }
            }
            contributions.append(numbers)
        }
        // Reports received outside the system stand in for units with no accepted signed revision (seed 000 art. 7.3).
        let countedUnits = Set(counted.map(\.unitCode))
        for standIn in try NodeStore.outsideStandIns(regime: regimeCode, periods: [period], in: db)
        where standIn.unitCode != home && !countedUnits.contains(standIn.unitCode) {
            contributions.append(try standIn.values().compactMapValues(\.number))
        }
        let consolidated = try Consolidation(catalog: catalog, form: form).combine(contributions)
        let number = try NodeStore.recordSnapshot(regime: regimeCode, period: period, values: consolidated, reports: counted.map { $0.id! },
                                                  takenBy: actor.login, cause: cause, at: now, in: db)
        try AuditLog.append(db, actor: actor.login, action: AuditAction("snapshot.take"), object: "snapshot:\(regimeCode)/\(period)/\(number)",
                            detail: cause, at: now)
        return number
    }

    /// The revisions a snapshot counts: each child's latest accepted one, and the node's
    /// own latest one.
    static func countedReports(regime: RegimeCode, period: Period, home: UnitCode, in db: Database) throws -> [ReportRecord] {
        let accepted = try NodeStore.latestAcceptedReports(regime: regime, period: period, excludingUnit: home, in: db)
        let own = try NodeStore.revisions(regime: regime, period: period, unit: home, in: db).last
        return accepted + (own.map { [$0] } ?? [])
    }
}
