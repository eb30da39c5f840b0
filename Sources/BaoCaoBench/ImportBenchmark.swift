import BaoCaoCore
import BaoCaoNode
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation
import GRDB

/// Importing a 10,000-row CSV of values into a draft report — read, legacy text checked,
/// every cell checked against the catalog, stored and audited — against `sqlite3 .import`
/// of the same file into a plain table of the same database, in the same run (issue 7:
/// ≤ 2 × its time). Each round imports into a new period's draft; medians compared.
struct ImportBenchmark {
    static let rows = 10_000
    static let home: UnitCode = "04801"
    let rounds: Int

    func run() throws -> [BenchmarkRow] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("baocao.sqlite").path
        let store = try NodeStore.open(at: path)
        // 500 indicators, each broken down by a 19-member dimension: 500 totals and 9,500
        // breakdowns, the 10,000 figures of one big report.
        let dimension = Dimension(code: "XA", name: "Thôn, tổ dân phố",
                                  members: (1...19).map { Dimension.Member(code: String(format: "T%02d", $0), name: "Thôn \($0)") })
        let codes = (1...500).map { String(format: "CT%03d", $0) }
        let catalog = Catalog(
            indicators: codes.map { Indicator(code: $0, name: "Chỉ tiêu \($0)", unitOfMeasure: "người", valueType: .decimal, decimals: 1,
                                              aggregation: AggregationRule.none, dimensions: ["XA"]) },
            dimensions: [dimension],
            forms: [Form(code: "LON", title: "Biểu lớn", sections: stride(from: 0, to: codes.count, by: 50).map { start in
                .init(code: "P\(start / 50 + 1)", title: "Phần \(start / 50 + 1)", rows: Array(codes[start..<start + 50]))
            })],
            regimes: [Regime(code: "LON-THANG", name: "Báo cáo lớn", type: .periodic, frequency: .monthly,
                             deadlines: [DeadlineRule(senderKind: .commune, day: 16)], reporters: ReporterSelection(kinds: [.commune]), form: "LON")])
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
            ReportingUnit(code: "148", name: "Thành phố Hòa Bình", kind: .district, parentCode: "17"),
            ReportingUnit(code: Self.home, name: "Phường Tân Hòa", kind: .commune, parentCode: "148"),
        ])
        _ = try store.initialize(homeUnit: Self.home, topology: topology, catalog: catalog, at: Date())
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        let account = try accounts.addUser(login: "nhaplieu", displayName: "Cán bộ", roles: [.dataEntry, .admin], password: "mat-khau-do-tai-2026",
                                           by: nil, at: Date())
        let actor = StaffMember(userId: account.id, login: account.login, displayName: account.displayName, roles: account.roles)
        let work = NodeWork(runtime: NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: Self.home, bootstrap: nil,
                                                 clockTolerance: 86_400), identity: nil)

        var lines = ["Mã chỉ tiêu;Giá trị"]
        var n = 0
        for code in codes {
            for key in [code] + dimension.members.map({ "\(code)[XA=\($0.code)]" }) {
                n += 1
                lines.append("\(key);\(VietnameseNumberFormat.format(ExactDecimal(significand: Int128(n * 37 % 1_000_000), scale: 1)))")
            }
        }
        let csv = Data((lines.joined(separator: "\n") + "\n").utf8)
        let file = directory.appendingPathComponent("so-lieu.csv")
        try csv.write(to: file)

        let importer = FileValueImport(work: work)
        var ours: [Double] = [], theirs: [Double] = []
        for round in 0...rounds {
            let period = try Period.month(round % 12 + 1, year: 2020 + round / 12)
            let start = DispatchTime.now()
            let outcome = try importer.importFile(csv, named: "so-lieu.csv", regime: "LON-THANG", period: period, keepValid: false, by: actor, at: Date())
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            guard outcome.result.stored == Self.rows else { throw BenchFailure("stored \(outcome.result.stored) of \(Self.rows)") }
            let plain = try sqliteImport(database: path, file: file.path, table: "bench_import_\(round)")
            // The reference must have done the whole job: every line in its table.
            let imported = try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM bench_import_\(round)") ?? 0 }
            guard imported == Self.rows else { throw BenchFailure("sqlite3 .import stored \(imported) of \(Self.rows) rows") }
            if round > 0 { ours.append(elapsed); theirs.append(plain) }   // round 0 warms both up
        }
        let stored = try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reportValue") ?? 0 }
        print("import: \(Self.rows) rows per round, \(stored) figures stored in \(rounds + 1) drafts")
        return [BenchmarkRow(name: "CSV import, \(Self.rows) rows into a draft", figure: median(ours) * 1000, unit: "ms",
                             reference: median(theirs) * 1000, referenceName: "sqlite3 .import, same file", goalRatio: 0,
                             lowerIsBetter: true, goalMaximum: 2)]
    }

    /// `sqlite3 DB ".import --csv FILE TABLE"` timed as a whole process, into the same database.
    func sqliteImport(database: String, file: String, table: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, ".separator ;", ".import \(file) \(table)"]
        let start = DispatchTime.now()
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("sqlite3 .import failed") }
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
