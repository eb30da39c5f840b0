import BaoCaoCore
import Foundation
import GRDB

/// Reports, their values and history, read and written inside a caller's transaction so
/// that a change and its audit entry commit together.
extension NodeStore {
    /// Every revision of a unit's report for a regime-period, oldest first.
    public static func revisions(regime: RegimeCode, period: Period, unit: UnitCode, in db: Database) throws -> [ReportRecord] {
        // Asked for every draft opened and every report made: prepared once per connection.
        try ReportRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM report WHERE regimeCode = ? AND period = ? AND unitCode = ? ORDER BY revision"),
                                  arguments: [regime, period, unit])
    }

    public static func report(id: Int64, in db: Database) throws -> ReportRecord? {
        try ReportRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM report WHERE id = ?"), arguments: [id])
    }

    /// A receiver's decision on a report it received: the new state, the reason, when, and
    /// the signed decision bundle. The caller adds the event and the audit line.
    public static func recordDecision(onReport id: Int64, state: ReportState, reason: String?, decisionBundle: String, at now: Date,
                                      in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE report SET state = ?, reason = ?, decidedAt = ?, decisionBundleId = ?, updatedAt = ? WHERE id = ?
            """)
        let instant = DatabaseDateText.text(now)
        try statement.execute(arguments: [state.rawValue, reason, instant, decisionBundle, instant, id])
    }

    /// Many reports by id, each with the newest revision held of its unit's report for the
    /// same regime-period (itself, when none is newer): one query for a whole "accept all",
    /// instead of two per report. Ids not held are absent.
    public static func reportsWithNewestRevision(ids: [Int64], in db: Database) throws -> [Int64: (report: ReportRecord, newestRevision: Int)] {
        var found: [Int64: (report: ReportRecord, newestRevision: Int)] = [:]
        found.reserveCapacity(ids.count)
        // SQLite's limit on bound variables (32,766 since 3.32) is far above a page of ids, but
        // a province's whole inbox is not: read in slices.
        for start in stride(from: 0, to: ids.count, by: 5_000) {
            let slice = Array(ids[start..<min(start + 5_000, ids.count)])
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.*, (SELECT MAX(o.revision) FROM report o
                             WHERE o.unitCode = r.unitCode AND o.regimeCode = r.regimeCode AND o.period = r.period) AS newestRevision
                FROM report r WHERE r.id IN (\(databaseQuestionMarks(count: slice.count)))
                """, arguments: StatementArguments(slice))
            for row in rows {
                let report = try ReportRecord(row: row)
                guard let id = report.id else { continue }
                found[id] = (report, row["newestRevision"] ?? report.revision)
            }
        }
        return found
    }

    /// The values of a revision.
    public static func values(ofReport id: Int64, in db: Database) throws -> [ValueKey: ReportValue] {
        // Read for every data-entry page: the statement is prepared once per connection.
        let statement = try db.cachedStatement(sql: "SELECT key, value, status FROM reportValue WHERE reportId = ?")
        var result: [ValueKey: ReportValue] = [:]
        result.reserveCapacity(256)
        let rows = try Row.fetchCursor(statement, arguments: [id])
        while let row = try rows.next() {
            let key = try ValueKey(parsing: row["key"])
            result[key] = ReportValue(text: row["value"], status: ReportValue.Status(rawValue: row["status"]) ?? .final)
        }
        return result
    }

    /// How many times a revision's values changed (every ``setValues(_:ofReport:in:)`` counts).
    public static func valuesVersion(ofReport id: Int64, in db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT valuesVersion FROM report WHERE id = ?"), arguments: [id]) ?? 0
    }

    /// Sets (or, with `nil`, removes) values of a revision.
    public static func setValues(_ values: [ValueKey: ReportValue?], ofReport id: Int64, in db: Database) throws {
        var upserts: [ValueRowWriter.Row] = []
        upserts.reserveCapacity(values.count)
        let delete = try db.cachedStatement(sql: "DELETE FROM reportValue WHERE reportId = ? AND key = ?")
        for (key, value) in values {
            if let value {
                upserts.append(ValueRowWriter.Row(key: key.description, indicator: key.indicator, value: value))
            } else {
                try delete.execute(arguments: [id, key.description])
            }
        }
        try ValueRowWriter(db: db, report: id).upsert(upserts)
        try db.cachedStatement(sql: "UPDATE report SET valuesVersion = valuesVersion + 1 WHERE id = ?").execute(arguments: [id])
    }

    /// Adds figures to a revision holding none, in the order given (sorted first only if
    /// they are not in key order already).
    public static func addValues(_ keys: [ValueKey], _ values: [ReportValue], toReport id: Int64, in db: Database) throws {
        precondition(keys.count == values.count, "a value for each key")
        try ValueRowWriter(db: db, report: id).upsert(zip(keys, values).map { ValueRowWriter.Row(key: $0.description, indicator: $0.indicator, value: $1) })
        try db.cachedStatement(sql: "UPDATE report SET valuesVersion = valuesVersion + 1 WHERE id = ?").execute(arguments: [id])
    }

    /// Whether a revision holds any figure.
    public static func hasValues(ofReport id: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM reportValue WHERE reportId = ?)"), arguments: [id]) ?? false
    }

    /// The history of a revision, oldest first.
    public static func events(ofReport id: Int64, in db: Database) throws -> [ReportEvent] {
        try ReportEvent.fetchAll(db.cachedStatement(sql: "SELECT * FROM reportEvent WHERE reportId = ? ORDER BY id"), arguments: [id])
    }

    public static func sectionApprovals(ofReport id: Int64, in db: Database) throws -> [SectionApprovalRecord] {
        try SectionApprovalRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM \(SectionApprovalRecord.databaseTableName) WHERE reportId = ? ORDER BY sectionCode"),
                                           arguments: [id])
    }

    /// Withdraws the approval of one section's figures in a revision (its figures changed).
    public static func withdrawSectionApproval(_ sectionCode: String, ofReport id: Int64, in db: Database) throws {
        _ = try SectionApprovalRecord.deleteOne(db, key: ["reportId": id, "sectionCode": sectionCode])
    }

    /// Records a received report: its revision row (state `received`), its values, and
    /// whether it came after the receiving window closed. A revision already held is kept
    /// as it is.
    public static func recordReceivedReport(_ document: ReportDocument, bundleId: String, signedAt: Date, receivedAt: Date,
                                            attachments: [(ReportDocument.Attachment, Data)] = [], in db: Database) throws {
        if try holdsRevision(of: document, in: db) { return }
        // Cached statements throughout: a province takes in thousands of reports at the
        // deadline, and building each query's SQL anew cost more than running it.
        let window = try ReceivingWindow.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM \(ReceivingWindow.databaseTableName) WHERE regimeCode = ? AND period = ?"),
            arguments: [document.regime, document.period])
        var record = receivedRecord(document, bundleId: bundleId, signedAt: signedAt, at: receivedAt)
        record.late = window?.state == .closed
        record.assignedTo = try assignee(ofRegime: document.regime, in: db)
        // The skew as measured by this node up to the arrival (the sync that carried it
        // records it first), never a later statement of the sender's.
        record.clockSkewAtArrival = try Int.fetchOne(db.cachedStatement(sql: "SELECT seconds FROM clockSkew WHERE unitCode = ? AND measuredAt <= ?"),
                                                     arguments: [document.unit, DatabaseDateText.text(receivedAt)]) ?? 0
        try record.insert(db)
        guard let id = record.id else { return }
        try setValues(document.values.mapValues { Optional($0) }, ofReport: id, in: db)
        try insertAttachments(attachments, of: document, reportId: id, at: receivedAt, in: db)
        for approval in document.sectionApprovals {
            try SectionApprovalRecord(reportId: id, sectionCode: approval.section, approvedBy: approval.approvedBy,
                                      approvedAt: approval.approvedAt).insert(db)
        }
        var event = ReportEvent(reportId: id, at: receivedAt, actor: "node", fromState: nil, toState: .received,
                                reason: record.late ? "đến sau khi đã đóng tiếp nhận" : nil)
        try event.insert(db)
        try applyHeldDecisions(onReportBundle: bundleId, at: receivedAt, in: db)
    }

    /// Applies a receiver's decision to the node's own report it names: `sent` (or
    /// `approved`, if the bundle went by USB before the state moved) becomes `accepted`
    /// or `returned` with the reason. A decision on another revision than the one it
    /// names, or a repeated one, changes nothing. A decision on a report this node does
    /// not hold yet is held, and applied when that report arrives.
    public static func applyDecision(_ decision: ReportDecision, bundleId: String, receivedAt: Date, in db: Database) throws {
        guard var record = try ReportRecord.filter(Column("bundleId") == decision.reportBundle && Column("relayedFor") == nil).fetchOne(db) else {
            return try hold(decision, bundleId: bundleId, relayed: false, at: receivedAt, in: db)
        }
        guard record.regimeCode == decision.regime, record.period == decision.period, record.unitCode == decision.unit,
              record.revision == decision.revision, [.sent, .approved].contains(record.state), let id = record.id else { return }
        try mark(decision, bundleId: bundleId, on: &record, id: id, at: receivedAt, in: db)
    }

    /// Keeps an archive copy of a report exchanged below this node (DESIGN §6), with its
    /// values, as `received` until its receiver's decision comes up too. A revision
    /// already held is kept as it is.
    public static func recordRelayedReport(_ document: ReportDocument, bundleId: String, receiver: UnitCode, signedAt: Date, at now: Date,
                                           attachments: [(ReportDocument.Attachment, Data)] = [], in db: Database) throws {
        if try holdsRevision(of: document, in: db) { return }
        var record = receivedRecord(document, bundleId: bundleId, signedAt: signedAt, at: now)
        record.relayedFor = receiver
        try record.insert(db)
        guard let id = record.id else { return }
        try setValues(document.values.mapValues { Optional($0) }, ofReport: id, in: db)
        try insertAttachments(attachments, of: document, reportId: id, at: now, in: db)
        var event = ReportEvent(reportId: id, at: now, actor: "node", fromState: nil, toState: .received,
                                reason: "bản lưu chuyển lên từ \(receiver)")
        try event.insert(db)
        try applyHeldDecisions(onReportBundle: bundleId, at: now, in: db)
    }

    /// Marks a receiver's relayed decision on the archive copy of the report it names. A
    /// repeated one changes nothing; one whose report copy is not held yet (the two travel
    /// separately and may cross) is held, and marked when that copy arrives.
    public static func applyRelayedDecision(_ decision: ReportDecision, bundleId: String, at now: Date, in db: Database) throws {
        guard var record = try ReportRecord.filter(Column("bundleId") == decision.reportBundle && Column("relayedFor") != nil).fetchOne(db) else {
            return try hold(decision, bundleId: bundleId, relayed: true, at: now, in: db)
        }
        guard record.state == .received, record.unitCode == decision.unit, record.revision == decision.revision,
              let id = record.id else { return }
        try mark(decision, bundleId: bundleId, on: &record, id: id, at: now, in: db)
    }

    /// Keeps a decision until the report it decides arrives.
    private static func hold(_ decision: ReportDecision, bundleId: String, relayed: Bool, at now: Date, in db: Database) throws {
        try HeldDecision(decisionBundleId: bundleId, reportBundleId: decision.reportBundle, relayed: relayed,
                         decision: try decision.encoded(), heldAt: now).insert(db, onConflict: .ignore)
    }

    /// Applies the decisions held for a report that has just been recorded.
    private static func applyHeldDecisions(onReportBundle reportBundleId: String, at now: Date, in db: Database) throws {
        let statement = try db.cachedStatement(sql: "SELECT * FROM \(HeldDecision.databaseTableName) WHERE reportBundleId = ? ORDER BY heldAt")
        for held in try HeldDecision.fetchAll(statement, arguments: [reportBundleId]) {
            try held.delete(db)
            let decision = try ReportDecision.decode(held.decision)
            if held.relayed {
                try applyRelayedDecision(decision, bundleId: held.decisionBundleId, at: now, in: db)
            } else {
                try applyDecision(decision, bundleId: held.decisionBundleId, receivedAt: now, in: db)
            }
        }
    }

    /// Moves a revision to the decision's outcome, with its reason, and records the step.
    private static func mark(_ decision: ReportDecision, bundleId: String, on record: inout ReportRecord, id: Int64, at now: Date,
                             in db: Database) throws {
        let from = record.state
        record.state = decision.outcome == .accepted ? .accepted : .returned
        record.reason = decision.reason
        record.decidedAt = decision.decidedAt
        record.decisionBundleId = bundleId
        record.updatedAt = now
        try record.update(db)
        var event = ReportEvent(reportId: id, at: now, actor: decision.decidedBy, fromState: from, toState: record.state,
                                reason: decision.reason)
        try event.insert(db)
    }

    static func holdsRevision(of document: ReportDocument, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM report WHERE regimeCode = ? AND period = ? AND unitCode = ? AND revision = ?)
            """), arguments: [document.regime, document.period, document.unit, document.revision]) ?? false
    }

    /// The revision row of a report that arrived in a signed bundle, state `received`.
    static func receivedRecord(_ document: ReportDocument, bundleId: String, signedAt: Date, at now: Date) -> ReportRecord {
        var record = ReportRecord(regimeCode: document.regime, period: document.period, unitCode: document.unit,
                                  revision: document.revision, state: .received, formCode: document.form,
                                  formVersion: document.formVersion, releaseVersion: document.releaseVersion,
                                  narrative: document.narrative, at: now)
        record.signedAt = signedAt
        record.bundleId = bundleId
        record.receivedAt = now
        return record
    }

    static func insertAttachments(_ files: [(ReportDocument.Attachment, Data)], of document: ReportDocument, reportId: Int64, at now: Date,
                                  in db: Database) throws {
        for (attachment, data) in files {
            var record = ReportAttachment(reportId: reportId, name: attachment.name, contentType: attachment.contentType, data: data,
                                          sha256: attachment.sha256, addedBy: document.unit.rawValue, addedAt: now)
            try record.insert(db)
        }
    }
}
