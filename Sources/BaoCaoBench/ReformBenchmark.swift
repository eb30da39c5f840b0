import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import GRDBSQLite

/// The 2025 reform applied at scale: the new province with the most predecessor communes
/// (worked out from the official succession table, `units-2025-07-01-succession.csv`; it is
/// Thanh Hóa, 38, with 547), its node holding a year (July 2024 – June 2025) of monthly
/// KTXH-THANG reports of all of them, written through the store's write path. Applying the
/// succession — checked against the new map and recorded, then the derived history of every
/// successor for every month computed as the first cùng kỳ views and extracts after the
/// reform read it (``Carrying`` over `latestReports`) — is timed, beside the time to write
/// the same value rows with one prepared `INSERT` into a plain table of the same database, in
/// the same run. Goal: ≤ 60 s.
struct ReformBenchmark {
    /// The folder of the official unit lists (`../shared/data`, as `Scripts/make-topology` reads it).
    let dataDirectory: URL
    static let regime: RegimeCode = "KTXH-THANG"
    static let indicators = 200
    static let goalSeconds = 60.0

    /// The twelve months before the reform.
    static let periods: [Period] = (0..<12).map { try! Period.month(($0 + 6) % 12 + 1, year: $0 < 6 ? 2024 : 2025) }

    func run() throws -> [BenchmarkRow] {
        let prepared = try SuccessionSource(dataDirectory: dataDirectory).largestProvince()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-reform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        let catalog = Self.catalog()
        let now = Date()
        _ = try store.initialize(homeUnit: prepared.province, topology: prepared.topology, catalog: catalog, at: now)

        // Setup, not timed: every predecessor commune's accepted report for each month.
        let communes = prepared.succession.formerUnits.filter { $0.kind == .commune }.map(\.code)
        let entered = catalog.indicators.filter { !$0.isComputed }.map(\.code)
        var generator = SeededGenerator(seed: 2025)
        var reported: [UnitCode: [[Int]]] = [:]   // tenths, by commune, month, entered indicator
        var rowCount = 0
        try store.writer.write { db in
            for (month, period) in Self.periods.enumerated() {
                for commune in communes {
                    let figures = entered.map { _ in Int(generator.next() % 1_000_000) }
                    reported[commune, default: []].append(figures)
                    var values: [ValueKey: ReportValue] = [:]
                    for (index, code) in entered.enumerated() {
                        values[ValueKey(code)] = ReportValue(text: ExactDecimal(significand: Int128(figures[index]), scale: 1).description)
                    }
                    let header = ReportHeader(regimeCode: Self.regime, period: period, unitCode: commune, revision: 1, state: .accepted,
                                              formCode: "KTXH-THANG", bundleId: "bench-\(commune)-\(month)")
                    try NodeStore.insertReportRevision(header, values: values, in: db)
                    rowCount += values.count
                }
            }
        }
        try store.writer.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }

        // Timed: the succession checked and recorded, then every successor's derived months.
        let successors = prepared.topology.units.map(\.code)
        var derived: [UnitCode: [Period: CarriedFigures]] = [:]
        let applying = try measure {
            let validated = try prepared.succession.validated(against: prepared.topology)
            try store.writer.write { try NodeStore.recordSuccession(validated, releaseHash: "bench", at: now, in: $0) }
            let carrying = Carrying(succession: validated, consolidation: Consolidation(catalog: catalog, form: catalog.forms[0]))
            let sources = successors.reduce(into: Set<UnitCode>()) { $0.formUnion(carrying.sources(of: $1)) }
            let reports = try store.latestReports(regime: Self.regime, periods: Self.periods, states: [.accepted], units: sources)
            var held: [Period: [UnitCode: [ValueKey: ExactDecimal]]] = [:]
            for report in reports { held[report.header.period, default: [:]][report.header.unitCode] = report.values }
            for period in Self.periods {
                for successor in successors {
                    derived[successor, default: [:]][period] = try carrying.carry(to: successor, period: period, held: held[period] ?? [:])
                }
            }
        }
        guard try store.succession() == prepared.succession else { throw BenchmarkFailure("the succession was not recorded") }
        try verify(derived, prepared: prepared, reported: reported, entered: entered)

        let reference = try Self.preparedInsert(store)
        guard reference.rows == rowCount else { throw BenchmarkFailure("the reference wrote \(reference.rows) of \(rowCount) rows") }
        let links = prepared.succession.links.filter { $0.share != .archive }
        print("reform: province \(prepared.province), \(communes.count) predecessor communes (\(links.filter { $0.share == .part }.count) pieces of divided ones) "
              + "into \(successors.count - 1) communes; \(Self.periods.count) months × \(entered.count) figures = \(rowCount) value rows; "
              + "\(successors.count * Self.periods.count) derived months checked")
        return [BenchmarkRow(name: "reform applied: succession of province \(prepared.province) (\(communes.count) communes) checked, recorded, "
                                 + "a year of derived history of its \(successors.count) units",
                             figure: applying, unit: "s",
                             reference: reference.seconds, referenceName: "in-process prepared INSERT of the same \(rowCount) value rows",
                             goalRatio: 0, lowerIsBetter: true, goalMaximum: Self.goalSeconds / Swift.max(reference.seconds, 0.001),
                             goalWording: "≤ 60 s (shown beside)")]
    }

    /// Every derived figure of a summed indicator that does not follow the seat is the sum
    /// of the whole predecessors' figures, worked out in integers from what was written;
    /// the province's is every commune's; divided communes are marked.
    private func verify(_ derived: [UnitCode: [Period: CarriedFigures]], prepared: SuccessionSource.Prepared,
                        reported: [UnitCode: [[Int]]], entered: [String]) throws {
        let column = entered.firstIndex(of: "CT001")!   // a territorial count: sums only over whole merges
        for (month, period) in Self.periods.enumerated() {
            for unit in prepared.topology.units {
                guard let figures = derived[unit.code]?[period] else { throw BenchmarkFailure("no derived month \(period) for \(unit.code)") }
                let wholes = unit.kind == .province
                    ? reported.keys.map { $0 }
                    : prepared.succession.predecessors(of: unit.code).filter { $0.share == .whole }.map(\.former)
                let expected = wholes.reduce(0) { $0 + (reported[$1]?[month][column] ?? 0) }
                let got = figures.values[ValueKey("CT001")]
                guard wholes.isEmpty ? got == nil : got == ExactDecimal(significand: Int128(expected), scale: 1) else {
                    throw BenchmarkFailure("\(unit.code) \(period): CT001 derived \(got?.description ?? "none"), expected \(expected) tenths")
                }
                let divided = prepared.succession.predecessors(of: unit.code).contains { $0.share == .part }
                guard divided == !figures.isComparable("CT001") else { throw BenchmarkFailure("\(unit.code): comparability of CT001 wrong") }
            }
        }
    }

    /// The reference: the node's value rows (report, key, indicator, value, status) read
    /// before the clock starts, then bound to one prepared `INSERT` stepped once per row, in
    /// one transaction, into a new plain table of the same database through its connection.
    static func preparedInsert(_ store: NodeStore) throws -> (seconds: Double, rows: Int) {
        // Reference measurement: the plain SQL of a hand-written copy, not the store's.
        let rows = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT reportId, key, indicatorCode, value, status FROM reportValue")
                .map { ($0[0] as Int64, $0[1] as String, $0[2] as String, $0[3] as String, $0[4] as String) }
        }
        try store.writer.write {
            try $0.execute(sql: "CREATE TABLE bench_reform_values (reportId INTEGER, key TEXT, indicatorCode TEXT, value TEXT, status TEXT)")
        }
        let seconds = try measure {
            try store.writer.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO bench_reform_values VALUES (?, ?, ?, ?, ?)")
                let handle = statement.sqliteStatement
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                for row in rows {
                    sqlite3_bind_int64(handle, 1, row.0)
                    sqlite3_bind_text(handle, 2, row.1, -1, transient)
                    sqlite3_bind_text(handle, 3, row.2, -1, transient)
                    sqlite3_bind_text(handle, 4, row.3, -1, transient)
                    sqlite3_bind_text(handle, 5, row.4, -1, transient)
                    let code = sqlite3_step(handle)
                    sqlite3_reset(handle)
                    guard code == SQLITE_DONE else { throw BenchmarkFailure("reference insert: sqlite3_step gave \(code)") }
                }
            }
        }
        return (seconds, rows.count)
    }

    /// A KTXH-THANG form of 200 indicators as the monthly report has them: sums of counts and
    /// money (every other one following the seat of a divided commune), ratios, weighted
    /// averages and formulas reading them.
    static func catalog() -> Catalog {
        let codes = (1...indicators).map { String(format: "CT%03d", $0) }
        let list = codes.enumerated().map { offset, code -> Indicator in
            let i = offset + 1
            let seat = i % 2 == 0 ? true : nil
            switch i % 10 {
            case 0:
                return Indicator(code: code, name: "Tỷ lệ \(code)", unitOfMeasure: "%", valueType: .percent, decimals: 1,
                                 aggregation: .ratio(numerator: codes[i - 4], denominator: codes[i - 3], factor: ExactDecimal(100)), carriesToDefaultPiece: seat)
            case 9:
                return Indicator(code: code, name: "Bình quân \(code)", unitOfMeasure: "nghìn đồng", valueType: .decimal, decimals: 1,
                                 aggregation: .weightedAverage(by: codes[i - 3]), carriesToDefaultPiece: seat)
            case 5 where i % 20 == 5:
                return Indicator(code: code, name: "Tổng \(code)", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 1,
                                 formula: "\(codes[i - 4]) + \(codes[i - 3])")
            default:
                return Indicator(code: code, name: "Chỉ tiêu \(code)", unitOfMeasure: "người", valueType: .decimal, decimals: 1, carriesToDefaultPiece: seat)
            }
        }
        let form = Form(code: "KTXH-THANG", title: "Biểu số liệu báo cáo tình hình kinh tế - xã hội tháng",
                        sections: stride(from: 0, to: codes.count, by: 50).map {
                            .init(code: "P\($0 / 50 + 1)", title: "Phần \($0 / 50 + 1)", rows: Array(codes[$0..<$0 + 50]))
                        })
        let regime = Regime(code: Self.regime, name: "Báo cáo tình hình kinh tế - xã hội tháng", type: .periodic, frequency: .monthly,
                            deadlines: [DeadlineRule(senderKind: .commune, day: 16)], reporters: ReporterSelection(kinds: [.commune]), form: "KTXH-THANG")
        return Catalog(indicators: list, forms: [form], regimes: [regime])
    }
}
