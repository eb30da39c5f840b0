import BaoCaoBundle
import Foundation

// baocao-bench bundles [COUNT] [--json FILE]
let arguments = Array(CommandLine.arguments.dropFirst())
guard let which = arguments.first else {
    print("usage: baocao-bench bundles|sync|aggregate|web|import|stages [COUNT] [--json FILE]")
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
case "web-node":
    guard arguments.count >= 3, let port = Int(arguments[2]) else { print("usage: baocao-bench web-node DIR PORT"); exit(2) }
    try await WebBenchmark.serve(URL(fileURLWithPath: arguments[1]), port: port)
case "stages":
    try StageProfile.run(count: count)
default:
    print("unknown benchmark \(which)")
    exit(2)
}
