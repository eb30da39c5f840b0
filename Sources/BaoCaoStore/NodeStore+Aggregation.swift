import BaoCaoCore
import Foundation
import GRDB

/// A report revision's header as aggregation reads it, and as tests write it.
public struct ReportHeader: Sendable, Hashable {
    public var id: Int64?
    public var regimeCode: RegimeCode
    public var period: Period
    public var unitCode: UnitCode
    public var revision: Int
    public var state: ReportState
    public var formCode: String
    public var formVersion: Int
    public var signedAt: Date?
    public var receivedAt: Date?
    public var bundleId: String?
    /// For an archive copy: the descendant that received it (see ``ReportRecord/relayedFor``).
    public var relayedFor: UnitCode?

    public init(id: Int64? = nil, regimeCode: RegimeCode, period: Period, unitCode: UnitCode, revision: Int, state: ReportState,
                formCode: String, formVersion: Int = 1, signedAt: Date? = nil, receivedAt: Date? = nil, bundleId: String? = nil,
                relayedFor: UnitCode? = nil) {
        self.id = id
        self.regimeCode = regimeCode
        self.period = period
        self.unitCode = unitCode
        self.revision = revision
        self.state = state
        self.formCode = formCode
        self.formVersion = formVersion
        self.signedAt = signedAt
        self.receivedAt = receivedAt
        self.bundleId = bundleId
        self.relayedFor = relayedFor
    }
}

/// One unit's revision chosen for a regime-period, with its numeric values.
public struct ContributedReport: Sendable {
    public let header: ReportHeader
    /// Numeric values only; text and yes/no values are left out.
    public let values: [ValueKey: ExactDecimal]
}

extension NodeStore {
    /// For each unit, its latest revision of a regime-period among those in `states`,
    /// with its numeric values, for every period asked (one query for all of them).
    ///
    /// - Parameter units: the units wanted; `nil` for every unit.
    public func latestReports(regime: RegimeCode, periods: [Period], states: Set<ReportState>,
                              units: Set<UnitCode>? = nil) throws -> [ContributedReport] {
        guard !periods.isEmpty, !states.isEmpty else { return [] }
        let periodMarks = databaseQuestionMarks(count: periods.count)
        let stateMarks = databaseQuestionMarks(count: states.count)
        let stateList = states.map(\.rawValue).sorted()
        let latest = """
            SELECT r.id, r.regimeCode, r.period, r.unitCode, r.revision, r.state, r.formCode, r.formVersion,
                   COALESCE(r.signedAt, b.signedAt) AS signedAt, COALESCE(r.receivedAt, b.receivedAt) AS receivedAt, r.bundleId, r.relayedFor
            FROM report r
            JOIN (SELECT period, unitCode, MAX(revision) AS revision FROM report
                  WHERE regimeCode = ? AND period IN (\(periodMarks)) AND state IN (\(stateMarks))
                  GROUP BY period, unitCode) m
              ON r.regimeCode = ? AND r.period = m.period AND r.unitCode = m.unitCode AND r.revision = m.revision
            LEFT JOIN bundle b ON b.id = r.bundleId
            """
        let arguments = StatementArguments([regime]) + StatementArguments(periods) + StatementArguments(stateList) + StatementArguments([regime])
        return try writer.read { db in
            var headers: [Int64: ReportHeader] = [:]
            var order: [Int64] = []
            let rows = try Row.fetchCursor(db, sql: latest, arguments: arguments)
            while let row = try rows.next() {
                let header = try Self.header(row)
                if let units, !units.contains(header.unitCode) { continue }
                headers[header.id!] = header
                order.append(header.id!)
            }
            guard !order.isEmpty else {
                return try Self.addingOutsideStandIns(to: [], regime: regime, periods: periods, states: states, units: units, in: db)
            }
            // Rows come in primary-key order, report by report; each report's values are
            // gathered in one dictionary sized like the previous one, and the few distinct
            // key texts are parsed once.
            var values: [Int64: [ValueKey: ExactDecimal]] = [:]
            var keys: [String: ValueKey] = [:]
            let sql = """
                SELECT v.reportId, v.key, v.value FROM reportValue v
                WHERE v.reportId IN (SELECT r.id FROM report r
                  JOIN (SELECT period, unitCode, MAX(revision) AS revision FROM report
                        WHERE regimeCode = ? AND period IN (\(periodMarks)) AND state IN (\(stateMarks))
                        GROUP BY period, unitCode) m
                    ON r.regimeCode = ? AND r.period = m.period AND r.unitCode = m.unitCode AND r.revision = m.revision)
                ORDER BY v.reportId
                """
            let statement = try db.cachedStatement(sql: sql)
            statement.arguments = arguments
            let cursor = try Row.fetchCursor(statement)
            var currentId: Int64 = -1
            var current: [ValueKey: ExactDecimal] = [:]
            func flush() {
                if currentId >= 0, headers[currentId] != nil { values[currentId] = current }
                let capacity = current.count
                current = [:]
                current.reserveCapacity(capacity)
            }
            while let row = try cursor.next() {
                let reportId: Int64 = row[0]
                if reportId != currentId {
                    flush()
                    currentId = reportId
                }
                let text: String = row[2]
                guard let number = ExactDecimal(text) else { continue }
                let keyText: String = row[1]
                if let known = keys[keyText] {
                    current[known] = number
                } else {
                    guard let parsed = try? ValueKey(parsing: keyText) else {
                        throw StoreError.invalidStoredData("report \(reportId) key \(keyText)")
                    }
                    keys[keyText] = parsed
                    current[parsed] = number
                }
            }
            flush()
            return try Self.addingOutsideStandIns(to: order.map { ContributedReport(header: headers[$0]!, values: values[$0] ?? [:]) },
                                                  regime: regime, periods: periods, states: states, units: units, in: db)
        }
    }

    /// Every revision other units sent this node for some periods of a regime, as they
    /// arrived (received, accepted or returned), for completeness and timeliness — and,
    /// across the reform, those sent to the former receivers `formerReceivers` this node
    /// succeeded, kept as their archive copies (judged as they were then).
    public func arrivals(regime: RegimeCode, periods: [Period], formerReceivers: Set<UnitCode> = []) throws -> [Period: [ReportArrival]] {
        guard !periods.isEmpty else { return [:] }
        let receivers = formerReceivers.sorted()
        let former = receivers.isEmpty ? "" : " OR r.relayedFor IN (\(databaseQuestionMarks(count: receivers.count)))"
        let sql = """
            SELECT r.id, r.regimeCode, r.period, r.unitCode, r.revision, r.state, r.formCode, r.formVersion,
                   COALESCE(r.signedAt, b.signedAt) AS signedAt, COALESCE(r.receivedAt, b.receivedAt) AS receivedAt, r.bundleId, r.relayedFor,
                   t.ruling, r.clockSkewAtArrival, r.late
            FROM report r LEFT JOIN bundle b ON b.id = r.bundleId LEFT JOIN timelinessRuling t ON t.bundleId = r.bundleId
            WHERE r.regimeCode = ? AND r.period IN (\(databaseQuestionMarks(count: periods.count)))
              AND r.state IN ('received', 'accepted', 'returned') AND (r.relayedFor IS NULL\(former))
            ORDER BY r.period, r.unitCode, r.revision
            """
        return try writer.read { db in
            var result: [Period: [ReportArrival]] = [:]
            let arguments = StatementArguments([regime]) + StatementArguments(periods) + StatementArguments(receivers)
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let h = try Self.header(row)
                result[h.period, default: []].append(ReportArrival(
                    unitCode: h.unitCode, revision: h.revision, state: h.state, signedAt: h.signedAt,
                    receivedAt: h.receivedAt, bundleId: h.bundleId, ruling: (row["ruling"] as String?).flatMap(TimelinessRuling.init(rawValue:)),
                    clockSkewAtArrival: row["clockSkewAtArrival"], arrivedAfterClosure: row["late"] ?? false))
            }
            try Self.addingOutsideArrivals(to: &result, regime: regime, periods: periods, in: db)
            return result
        }
    }

    /// Records a reviewer's ruling on a flagged report's timeliness (one per bundle judged;
    /// a later ruling replaces it — the audit log keeps both).
    public static func recordTimelinessRuling(_ ruling: TimelinessRuling, bundleId: String, regime: RegimeCode, period: Period, unit: UnitCode,
                                              reason: String, by login: String, at instant: Date, in db: Database) throws {
        try TimelinessRulingRecord(bundleId: bundleId, regimeCode: regime, period: period, unitCode: unit, ruling: ruling, reason: reason,
                                   decidedBy: login, decidedAt: instant).upsert(db)
    }

    /// Each child's clock skew as last measured: seconds it is ahead of this node.
    public func clockSkews() throws -> [UnitCode: Int] {
        try writer.read { db in
            try ClockSkewRecord.fetchAll(db).reduce(into: [UnitCode: Int]()) { $0[$1.unitCode] = $1.seconds }
        }
    }

    /// Records a child's clock skew.
    public func setClockSkew(unit: UnitCode, seconds: Int, measuredAt: Date) throws {
        try writer.write { db in try Self.setClockSkew(unit: unit, seconds: seconds, measuredAt: measuredAt, in: db) }
    }

    /// The same inside the caller's transaction (the one taking in what the child sent).
    public static func setClockSkew(unit: UnitCode, seconds: Int, measuredAt: Date, in db: Database) throws {
        try ClockSkewRecord(unitCode: unit, measuredAt: measuredAt, seconds: seconds).insert(db, onConflict: .replace)
    }

    /// Writes one report revision with its values, as the lifecycle or an import would;
    /// returns its id. Used by tests and benchmarks to set up a node's holdings.
    @discardableResult
    public func insertReportRevision(_ header: ReportHeader, values: [ValueKey: ReportValue], at instant: Date = Date()) throws -> Int64 {
        try writer.write { db in try Self.insertReportRevision(header, values: values, at: instant, in: db) }
    }

    /// The same inside a transaction the caller holds, for writing many at once.
    @discardableResult
    public static func insertReportRevision(_ h: ReportHeader, values: [ValueKey: ReportValue], at instant: Date = Date(), in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO report (regimeCode, period, unitCode, revision, state, formCode, formVersion, createdAt, updatedAt,
                                signedAt, bundleId, receivedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [h.regimeCode, h.period, h.unitCode, h.revision, h.state.rawValue, h.formCode, h.formVersion,
                             instant, instant, h.signedAt, h.bundleId, h.receivedAt])
        let id = db.lastInsertedRowID
        let statement = try db.cachedStatement(sql: "INSERT INTO reportValue (reportId, key, indicatorCode, value, status) VALUES (?, ?, ?, ?, ?)")
        for (key, value) in values {
            try statement.execute(arguments: [id, key.description, key.indicator, value.text, value.status.rawValue])
        }
        return id
    }

    private static func header(_ row: Row) throws -> ReportHeader {
        let stateText: String = row["state"]
        guard let state = ReportState(rawValue: stateText) else {
            throw StoreError.invalidStoredData("report \(row["id"] as Int64) state \(stateText)")
        }
        return ReportHeader(
            id: row["id"], regimeCode: try row.decode(forColumn: "regimeCode"), period: try row.decode(forColumn: "period"),
            unitCode: try row.decode(forColumn: "unitCode"),
            revision: row["revision"], state: state, formCode: row["formCode"], formVersion: row["formVersion"],
            signedAt: row["signedAt"], receivedAt: row["receivedAt"], bundleId: row["bundleId"],
            relayedFor: try row.decode(forColumn: "relayedFor"))
    }
}
