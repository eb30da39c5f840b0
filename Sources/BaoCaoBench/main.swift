import BaoCaoBundle
import BaoCaoCore
import Foundation

// baocao-bench bundles [COUNT] [--json FILE]
let arguments = Array(CommandLine.arguments.dropFirst())
guard let which = arguments.first else {
    print("usage: baocao-bench all|bundles|seal|sync|aggregate|web|import|shutdown|personnel|reform|host|country|stages [COUNT] [--json FILE]")
    exit(2)
}
let count = arguments.dropFirst().first.flatMap(Int.init) ?? 2000
let jsonPath = arguments.firstIndex(of: "--json").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }

/// Prints the table, writes the JSON if asked, and exits 0 only if every goal is met.
func finish(_ title: String, _ rows: [BenchmarkRow]) throws -> Never {
    BenchmarkTable.print(title, rows)
    if let jsonPath { try BenchmarkTable.json(rows).write(to: URL(fileURLWithPath: jsonPath)) }
    exit(rows.allSatisfy(\.meetsGoal) ? 0 : 1)
}

switch which {
case "bundles":
    let benchmark = BundleBenchmark(count: count)
    var rows: [BenchmarkRow] = []
    for (kind, label) in [(PrivateKey.Kind.rsa2048, "RSA 2048"), (.ecP256, "ECDSA P-256")] {
        // A short warm-up so that first-use costs (page faults, lazy tables) are not measured.
        _ = try BundleBenchmark(count: 50).run(kind: kind, label: label)
        rows += try benchmark.run(kind: kind, label: label)
    }
    rows += try SealBenchmark(perRound: 10).run()
    try finish("Bundles of 200 values, \(count) distinct bundles per key type; sealed 1 MiB transfers", rows)
case "seal":
    _ = try SealBenchmark(perRound: 2).run()
    try finish("Sealed transfers: 1 MiB to 3 recipients, AuthEnvelopedData vs raw libcrypto", try SealBenchmark(perRound: 10).run())
case "sync":
    let skipPoorLink = arguments.contains("--skip-poor-link")
    let rows = try await SyncBenchmark().run(ingestCount: count, poorLinkSize: 2 << 20, skipPoorLink: skipPoorLink)
    try finish("Sync: poor link, ingest over HTTPS, bytes on the wire (\(count) bundles of 200 values)", rows)
case "aggregate":
    let rows = try AggregateBenchmark(communes: 600, indicators: 200, rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 9).run()
    try finish("Aggregation: consolidated view of 600 communes × 200 indicators, one period", rows)
case "web":
    let rows = try await WebBenchmark(duration: arguments.dropFirst().first.flatMap(Int.init) ?? 20).run()
    try finish("Web: data-entry page of a 200-indicator form, 20 signed-in users, rendered after each save and cached", rows)
case "import":
    let rows = try ImportBenchmark(rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 5).run()
    try finish("Import: a 10,000-row CSV of values into a draft report", rows)
case "personnel":
    try finish("Personnel records: a province of 40,000 held at the Sở Nội vụ", try PersonnelBenchmark(records: 40_000, searches: 400).run())
case "reform":
    // baocao-bench reform [DATA_DIR]: the official unit lists (default ../shared/data).
    let data = arguments.dropFirst().first.flatMap { $0.hasPrefix("--") ? nil : $0 } ?? "../shared/data"
    try finish("Reform: the largest new province's succession applied to a year of its predecessors' monthly reports",
               try ReformBenchmark(dataDirectory: URL(fileURLWithPath: data)).run())
case "shutdown":
    try finish("Demo network: graceful stop on Ctrl-C", try DemoShutdownBenchmark().run())
case "all":
    // Every benchmark of the project in one run and one table (Scripts/bench).
    var rows: [BenchmarkRow] = []
    for (kind, label) in [(PrivateKey.Kind.rsa2048, "RSA 2048"), (.ecP256, "ECDSA P-256")] {
        _ = try BundleBenchmark(count: 50).run(kind: kind, label: label)
        rows += try BundleBenchmark(count: 2000).run(kind: kind, label: label)
    }
    _ = try SealBenchmark(perRound: 2).run()
    rows += try SealBenchmark(perRound: 10).run()
    rows += try await SyncBenchmark().run(ingestCount: 2000, poorLinkSize: 2 << 20, skipPoorLink: false)
    rows += try AggregateBenchmark(communes: 600, indicators: 200, rounds: 9).run()
    rows += try await WebBenchmark(duration: 20).run()
    rows += try ImportBenchmark(rounds: 11).run()
    rows += try DemoShutdownBenchmark().run()
    rows += try PersonnelBenchmark(records: 40_000, searches: 400).run()
    rows += try ReformBenchmark(dataDirectory: URL(fileURLWithPath: "../shared/data")).run()
    rows += try await HostBenchmark(unitsFile: URL(fileURLWithPath: "../shared/data/units-2025-03-01-three-level.csv")).run()
    try finish("All benchmarks (this machine: \(ProcessInfo.processInfo.activeProcessorCount) cores)", rows)
case "country":
    // baocao-bench country [UNITS_CSV] [--concurrent N]
    let file = arguments.dropFirst().first(where: { $0.hasSuffix(".csv") }) ?? "../shared/data/units-2025-07-01-two-level.csv"
    let concurrent = arguments.firstIndex(of: "--concurrent").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 2
    let rows = try await CountryBenchmark(unitsFile: URL(fileURLWithPath: file), concurrentProvinces: concurrent).run()
    try finish("Simulated country: one monthly cycle, 10 regimes × 200 values per commune", rows)
case "host":
    // baocao-bench host [UNITS_CSV]: the official three-level list (default ../shared/data).
    let file = arguments.dropFirst().first(where: { $0.hasSuffix(".csv") }) ?? "../shared/data/units-2025-03-01-three-level.csv"
    try finish("Many units in one process: 200 communes hosted by baocao host, beside one node alone",
               try await HostBenchmark(unitsFile: URL(fileURLWithPath: file)).run())
case "country-node":
    ChildProcess.exitWhenParentGoes()
    guard arguments.count >= 5, let expected = Int(arguments[4]) else { print("usage: baocao-bench country-node FOLDER UNIT ROOT EXPECTED [PARENT_PORT]"); exit(2) }
    try await CountryNode.serve(folder: URL(fileURLWithPath: arguments[1]), unit: try UnitCode(parsing: arguments[2]), root: URL(fileURLWithPath: arguments[3]),
                                expected: expected, parentPort: arguments.count > 5 ? Int(arguments[5]) : nil)
case "web-node":
    ChildProcess.exitWhenParentGoes()
    guard arguments.count >= 2 else { print("usage: baocao-bench web-node DIR"); exit(2) }
    try await WebBenchmark.serve(URL(fileURLWithPath: arguments[1]))
case "stages":
    try StageProfile.run(count: count)
default:
    print("unknown benchmark \(which)")
    exit(2)
}
