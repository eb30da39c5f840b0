import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoTesting
import Foundation
import GRDB

/// The consolidated view of a province of 600 communes × 200 indicators for one period,
/// computed by BaoCao, against the equivalent `GROUP BY` run by the `sqlite3` command-line
/// tool on the same database file in the same run. Both must give identical figures.
///
/// Both sides do the same work: choose each commune's latest accepted revision (some
/// communes have an older accepted one and a newer one merely received), keep the
/// province's own reporters, and sum every figure exactly (sqlite3 with its decimal
/// extension's `decimal_sum`, BaoCao with ``ExactDecimal``). Both are timed warm, rounds
/// interleaved, and the medians compared; sqlite3's time is its own `.timer` for the
/// statement, so process start and parsing of its output are not counted.
struct AggregateBenchmark {
    let communes: Int
    let indicators: Int
    let rounds: Int

    static let regime: RegimeCode = "BENCH-THANG"
    static let period: Period = "2026-11"
    static let province: UnitCode = "99"
    /// The reader the figures are read for: a viewer, the least a signed-in person holds.
    static let reader = StaffMember(userId: 1, login: "xem", displayName: "Người xem", roles: [.viewer])

    init(communes: Int = 600, indicators: Int = 200, rounds: Int = 9) {
        self.communes = communes
        self.indicators = indicators
        self.rounds = rounds
    }

    func run() throws -> [BenchmarkRow] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-aggregate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["BENCH_KEEP"] == nil { try? FileManager.default.removeItem(at: directory) } else { print(directory.path) } }
        let path = directory.appendingPathComponent("baocao.sqlite").path

        let store = try NodeStore.open(at: path)
        try populate(store)
        // Setup: the WAL folded into the database file, so that both sides read the same file.
        try store.writer.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }

        // Rounds interleave the two sides, so that whatever else the machine does weighs on
        // both alike: BaoCao's service as the CLI and the web call it, then one sqlite3
        // session that runs the query twice and reports the second (warm) run's time.
        let service = ConsolidationService(store: store, home: Self.province)
        var ours: [ValueKey: ExactDecimal] = [:]
        var theirs: [ValueKey: ExactDecimal] = [:]
        var times: [Double] = []
        var sqlTimes: [Double] = []
        _ = try service.values(regime: Self.regime, period: Self.period, by: Self.reader)  // warm-up, as sqlite3's first run is
        for _ in 0..<rounds {
            times.append(try measure { ours = try service.values(regime: Self.regime, period: Self.period, by: Self.reader) })
            let (figures, timed) = try sqlite3(path: path, repeats: 2)
            theirs = figures
            sqlTimes.append(timed[1])
        }
        let baoCao = median(times)
        let plain = median(sqlTimes)
        // BENCH_STAGES=1 prints where BaoCao's time goes; BENCH_KEEP=1 keeps the database.
        if ProcessInfo.processInfo.environment["BENCH_STAGES"] != nil {
            var catalog = Catalog(), topology: Topology? = nil, reports: [ContributedReport] = []
            print("catalog", try measure { catalog = try store.catalog() })
            print("topology", try measure { topology = try store.topology() })
            print("expected", measure { _ = catalog.regimes[0].expectedReporters(at: Self.province, in: topology!) })
            print("reports", try measure { reports = try store.latestReports(regime: Self.regime, periods: [Self.period], states: [.accepted]) })
            print("combine", try measure { _ = try Consolidation(catalog: catalog, form: catalog.forms[0]).combine(reports.map(\.values)) })
        }

        // Every figure must be identical.
        guard ours.count == theirs.count else {
            throw BenchmarkFailure("BaoCao gave \(ours.count) figures, sqlite3 \(theirs.count)")
        }
        for (key, value) in theirs {
            guard let mine = ours[key] else { throw BenchmarkFailure("BaoCao has no figure for \(key); sqlite3 has \(value)") }
            guard mine == value else { throw BenchmarkFailure("\(key): BaoCao \(mine), sqlite3 \(value)") }
        }
        print("aggregate: \(ours.count) figures identical on both sides (\(communes) communes × \(indicators) indicators)")
        return [BenchmarkRow(name: "Consolidated view, \(communes) communes × \(indicators) indicators", figure: baoCao * 1000, unit: "ms",
                             reference: plain * 1000, referenceName: "sqlite3 GROUP BY (decimal_sum)", goalRatio: 0,
                             lowerIsBetter: true, goalMaximum: 2)]
    }

    /// The province, its communes, 200 summed indicators (money with 2 decimals, counts),
    /// and one period of reports: every commune's accepted revision, 1 in 10 with an older
    /// accepted revision beneath it and 1 in 20 with a newer one only received.
    private func populate(_ store: NodeStore) throws {
        var units = [ReportingUnit(code: Self.province, name: "Tỉnh Thử Nghiệm", kind: .province)]
        let communeCodes = try (0..<communes).map { try UnitCode(parsing: String(format: "%05d", 90_000 + $0)) }
        units += communeCodes.map { ReportingUnit(code: $0, name: "Xã \($0)", kind: .commune, parentCode: Self.province) }
        try store.replaceTopology(try Topology(units: units))
        let codes = (0..<indicators).map { String(format: "CT%03d", $0) }
        let catalog = Catalog(
            indicators: codes.enumerated().map { index, code in
                index % 2 == 0
                    ? Indicator(code: code, name: "Chỉ tiêu tiền \(code)", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 2)
                    : Indicator(code: code, name: "Chỉ tiêu đếm \(code)", unitOfMeasure: "người", valueType: .integer)
            },
            forms: [Form(code: "BENCH", title: "Biểu thử", sections: [.init(code: "A", title: "A", rows: codes)])],
            regimes: [Regime(code: Self.regime, name: "Chế độ thử", type: .periodic, frequency: .monthly,
                             deadlines: [DeadlineRule(senderKind: .commune, day: 16)], reporters: ReporterSelection(kinds: [.commune]),
                             form: "BENCH")])
        try store.replaceCatalog(catalog)

        var generator = SeededGenerator(seed: 2026)
        func values() -> [ValueKey: ReportValue] {
            var result: [ValueKey: ReportValue] = [:]
            for (index, code) in codes.enumerated() {
                let whole = Int(generator.next() % 10_000_000)
                let text = index % 2 == 0 ? "\(whole / 100).\(String(format: "%02d", whole % 100))" : "\(whole % 100_000)"
                result[ValueKey(code)] = ReportValue(text: text)
            }
            return result
        }
        try store.writer.write { db in
            for (index, unit) in communeCodes.enumerated() {
                var revision = 1
                func insert(_ state: ReportState) throws {
                    let header = ReportHeader(regimeCode: Self.regime, period: Self.period, unitCode: unit, revision: revision, state: state,
                                              formCode: "BENCH", bundleId: "bench-\(unit)-\(revision)")
                    try NodeStore.insertReportRevision(header, values: values(), in: db)
                    revision += 1
                }
                if index % 10 == 0 { try insert(.accepted) }
                try insert(.accepted)
                if index % 20 == 0 { try insert(.received) }
            }
        }
    }

    private func sqlite3(path: String, repeats: Int) throws -> ([ValueKey: ExactDecimal], [Double]) {
        // Reference measurement: the plain SQL the sqlite3 tool runs, not the store's.
        let query = """
            SELECT v.key, decimal_sum(v.value) FROM report r
            JOIN reportValue v ON v.reportId = r.id
            WHERE r.regimeCode = '\(Self.regime)' AND r.period = '\(Self.period)' AND r.state = 'accepted'
              AND r.unitCode IN (SELECT code FROM unit WHERE parentCode = '\(Self.province)')
              AND r.revision = (SELECT MAX(r2.revision) FROM report r2
                                WHERE r2.regimeCode = r.regimeCode AND r2.period = r.period AND r2.unitCode = r.unitCode
                                  AND r2.state = 'accepted')
            GROUP BY v.key;
            """
        let script = ".timer on\n" + Array(repeating: query, count: repeats).joined(separator: "\n") + "\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", "-readonly", path]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errors = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("sqlite3 failed: \(String(decoding: errors, as: UTF8.self))")
        }
        var figures: [ValueKey: ExactDecimal] = [:]
        var times: [Double] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("Run Time:") {
                // Run Time: real 0.123 user 0.100000 sys 0.020000
                let parts = line.split(separator: " ")
                guard let index = parts.firstIndex(of: "real"), let seconds = Double(parts[index + 1]) else {
                    throw BenchmarkFailure("cannot read sqlite3 timer line: \(line)")
                }
                times.append(seconds)
                continue
            }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count == 2, let value = ExactDecimal(String(cells[1])) else {
                throw BenchmarkFailure("cannot read sqlite3 line: \(line)")
            }
            figures[try ValueKey(parsing: String(cells[0]))] = value
        }
        guard times.count == repeats else { throw BenchmarkFailure("sqlite3 timed \(times.count) of \(repeats) queries") }
        return (figures, times)
    }
}
