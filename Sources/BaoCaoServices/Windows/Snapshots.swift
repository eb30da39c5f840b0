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
    static func take(regime regimeCode: String, period: String, catalog: Catalog, home: String, cause: String, by actor: Actor,
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
        let consolidated = try Consolidation(catalog: catalog, form: form).combine(contributions)
        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM snapshot WHERE regimeCode = ? AND period = ?",
                                       arguments: [regimeCode, period]) ?? 0) + 1
        try db.execute(sql: "INSERT INTO snapshot (regimeCode, period, number, takenAt, takenBy, cause) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [regimeCode, period, number, now, actor.login, cause])
        for (key, value) in consolidated {
            try db.execute(sql: "INSERT INTO snapshotValue (regimeCode, period, number, key, value) VALUES (?, ?, ?, ?, ?)",
                           arguments: [regimeCode, period, number, key.description, value.description])
        }
        for report in counted {
            try db.execute(sql: "INSERT INTO snapshotReport (regimeCode, period, number, reportId) VALUES (?, ?, ?, ?)",
                           arguments: [regimeCode, period, number, report.id!])
        }
        try AuditLog.append(db, actor: actor.login, action: AuditAction("snapshot.take"), object: "snapshot:\(regimeCode)/\(period)/\(number)",
                            detail: cause, at: now)
        return number
    }

    /// The revisions a snapshot counts: each child's latest accepted one, and the node's
    /// own latest one.
    static func countedReports(regime: String, period: String, home: String, in db: Database) throws -> [ReportRecord] {
        let accepted = try ReportRecord.fetchAll(db, sql: """
            SELECT r.* FROM report r
            WHERE r.regimeCode = ? AND r.period = ? AND r.unitCode <> ? AND r.state = 'accepted' AND r.relayedFor IS NULL
              AND r.revision = (SELECT MAX(revision) FROM report x WHERE x.regimeCode = r.regimeCode AND x.period = r.period
                                AND x.unitCode = r.unitCode AND x.state = 'accepted')
            ORDER BY r.unitCode
            """, arguments: [regime, period, home])
        let own = try NodeStore.revisions(regime: regime, period: period, unit: home, in: db).last
        return accepted + (own.map { [$0] } ?? [])
    }

    /// A snapshot's figures.
    static func values(regime: String, period: String, number: Int, in db: Database) throws -> [ValueKey: ExactDecimal] {
        var result: [ValueKey: ExactDecimal] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM snapshotValue WHERE regimeCode = ? AND period = ? AND number = ?",
                                    arguments: [regime, period, number]) {
            result[try ValueKey(parsing: row["key"])] = try ExactDecimal(canonical: row["value"])
        }
        return result
    }
}
