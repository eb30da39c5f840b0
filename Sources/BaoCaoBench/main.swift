import BaoCaoBundle
import BaoCaoCore
import Foundation

// baocao-bench bundles [COUNT] [--json FILE]
let arguments = Array(CommandLine.arguments.dropFirst())
guard let which = arguments.first else {
    print("usage: baocao-bench all|bundles|sync|aggregate|web|import|country|stages [COUNT] [--json FILE]")
    exit(2)
}
let count = arguments.dropFirst().first.flatMap(Int.init) ?? 2000
let jsonPath = arguments.firstIndex(of: "--json").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }

switch which {
case "bundles":
    let benchmark = BundleBenchmark(count: count)
    var rows: [BenchmarkRow] = []
    for (kind, label) in [(PrivateKey.Kind.rsa2048, "RSA 2048"), (.ecP256, "ECDSA P-256")] {
        // A short warm-up so that first-use costs (page faults, lazy tables) are not measured.
        _ = try BundleBenchmark(count: 50).run(kind: kind, label: label)
        rows += try benchmark.run(kind: kind, label: label)
    }
    BenchmarkTable.print("Bundles of 200 values, \(count) distinct bundles per key type", rows)
    if let jsonPath { try Data(BenchmarkTable.json(rows).utf8).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
case "sync":
    let skipPoorLink = arguments.contains("--skip-poor-link")
    let rows = try await SyncBenchmark().run(ingestCount: count, poorLinkSize: 2 << 20, skipPoorLink: skipPoorLink)
    BenchmarkTable.print("Sync: poor link and ingest over HTTPS (\(count) bundles of 200 values)", rows)
    if let jsonPath { try Data(BenchmarkTable.json(rows).utf8).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
case "aggregate":
    let rows = try AggregateBenchmark(communes: 600, indicators: 200, rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 9).run()
    BenchmarkTable.print("Aggregation: consolidated view of 600 communes × 200 indicators, one period", rows)
    if let jsonPath { try Data(BenchmarkTable.json(rows).utf8).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
case "web":
    let rows = try await WebBenchmark(duration: arguments.dropFirst().first.flatMap(Int.init) ?? 20).run()
    BenchmarkTable.print("Web: data-entry page of a 200-indicator form, 20 signed-in users (wrk --latency)", rows)
    if let jsonPath { try Data(BenchmarkTable.json(rows).utf8).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
case "import":
    let rows = try ImportBenchmark(rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 5).run()
    BenchmarkTable.print("Import: a 10,000-row CSV of values into a draft report", rows)
    if let jsonPath { try Data(BenchmarkTable.json(rows).utf8).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
case "all":
    // Every benchmark of the project in one run and one table (Scripts/bench).
    var rows: [BenchmarkRow] = []
    for (kind, label) in [(PrivateKey.Kind.rsa2048, "RSA 2048"), (.ecP256, "ECDSA P-256")] {
        _ = try BundleBenchmark(count: 50).run(kind: kind, label: label)
        rows += try BundleBenchmark(count: 2000).run(kind: kind, label: label)
    }
    rows += try await SyncBenchmark().run(ingestCount: 2000, poorLinkSize: 512 << 10, skipPoorLink: false)
    rows += try AggregateBenchmark(communes: 600, indicators: 200, rounds: 9).run()
    rows += try await WebBenchmark(duration: 20).run()
    rows += try ImportBenchmark(rounds: 11).run()
    BenchmarkTable.print("All benchmarks (this machine: \(ProcessInfo.processInfo.activeProcessorCount) cores)", rows)
    if let jsonPath { try Data(BenchmarkTable.json(rows).utf8).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
case "country":
    // baocao-bench country [UNITS_CSV] [--concurrent N]
    let file = arguments.dropFirst().first(where: { $0.hasSuffix(".csv") }) ?? "../shared/data/units-2025-07-01-two-level.csv"
    let concurrent = arguments.firstIndex(of: "--concurrent").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 2
    let rows = try await CountryBenchmark(unitsFile: URL(fileURLWithPath: file), concurrentProvinces: concurrent).run()
    BenchmarkTable.print("Simulated country: one monthly cycle, 10 regimes × 200 values per commune", rows)
    if let jsonPath { try Data(BenchmarkTable.json(rows).utf8).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
case "country-node":
    ChildProcess.exitWhenParentGoes()
    guard arguments.count >= 5, let expected = Int(arguments[4]) else { print("usage: baocao-bench country-node FOLDER UNIT ROOT EXPECTED [PARENT_PORT]"); exit(2) }
    try await CountryNode.serve(folder: URL(fileURLWithPath: arguments[1]), unit: try UnitCode(parsing: arguments[2]), root: URL(fileURLWithPath: arguments[3]),
                                expected: expected, parentPort: arguments.count > 5 ? Int(arguments[5]) : nil)
case "web-node":
    ChildProcess.exitWhenParentGoes()
    guard arguments.count >= 3, let port = Int(arguments[2]) else { print("usage: baocao-bench web-node DIR PORT"); exit(2) }
    try await WebBenchmark.serve(URL(fileURLWithPath: arguments[1]), port: port)
case "stages":
    try StageProfile.run(count: count)
default:
    print("unknown benchmark \(which)")
    exit(2)
}
