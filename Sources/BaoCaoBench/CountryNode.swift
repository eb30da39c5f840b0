import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation
import GRDB
import Hummingbird
import Logging

/// One province (or the national) node of the simulated country, in its own process
/// (`baocao-bench country-node FOLDER UNIT ROOT EXPECTED [PARENT_PORT]`): it serves sync
/// over mutual TLS, waits until its communes' `EXPECTED` reports are in, accepts each one
/// (a signed decision goes down), consolidates and signs its own report for every regime,
/// sends them to the national node, and prints what each step took and its peak RSS.
enum CountryNode {
    struct Result: Codable, Sendable {
        var received = 0
        var accept = 0.0
        var consolidate = 0.0
        var push = 0.0
        var peakRSS = 0.0
        /// The node process's CPU (user and system, every thread) from the moment it served
        /// until its result: its whole cycle, take-in included (a node waiting its turn does
        /// nothing).
        var cpu = 0.0
        /// At the national node: every regime's first indicator summed over the provinces'
        /// consolidated reports, to be checked against the communes' own figures.
        var nationalTotals: [String: String] = [:]
        var total: Double { accept + consolidate + push }
    }

    /// The node's process, seen from the benchmark.
    final class Process: @unchecked Sendable {
        let port: Int
        private let process = Foundation.Process()
        private let lines = LineReader()
        /// Held open while the benchmark lives: the node exits when it closes.
        private let lifeline = Pipe()

        init(folder: URL, unit: UnitCode, parentPort: Int?, expected: Int, root: URL) throws {
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = ["country-node", folder.path, unit.rawValue, root.path, String(expected)] + (parentPort.map { [String($0)] } ?? [])
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = lifeline
            try Data().write(to: folder.appendingPathComponent("node.log"))
            process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("node.log"))
            try process.run()
            lines.start(output.fileHandleForReading)
            guard let line = lines.next(prefix: "PORT "), let port = Int(line) else { throw BenchmarkFailure("node \(unit) did not start") }
            self.port = port
        }

        /// Tells the node that everything sent to it was answered (``ChildProcess/lines``).
        func go() throws {
            try lifeline.fileHandleForWriting.write(contentsOf: Data("GO\n".utf8))
        }

        /// Waits for the node's result line.
        func result() async throws -> Result {
            while true {
                if let line = lines.take(prefix: "RESULT ") { return try JSONDecoder().decode(Result.self, from: Data(line.utf8)) }
                if !process.isRunning, lines.take(prefix: "RESULT ") == nil { throw BenchmarkFailure("node ended without a result: \(lines.all())") }
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    /// Lines a child writes, collected on a thread of their own.
    final class LineReader: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [String] = []
        private var buffer = Data()

        func start(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { return }
                    lock.withLock {
                        buffer.append(chunk)
                        while let newline = buffer.firstIndex(of: 0x0A) {
                            received.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                            buffer.removeSubrange(buffer.startIndex...newline)
                        }
                    }
                }
            }
        }

        /// Blocks until a line with `prefix` arrives (or 60 s pass).
        func next(prefix: String) -> String? {
            for _ in 0..<3000 {
                if let line = take(prefix: prefix) { return line }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return nil
        }

        func take(prefix: String) -> String? {
            lock.withLock {
                guard let index = received.firstIndex(where: { $0.hasPrefix(prefix) }) else { return nil }
                return String(received.remove(at: index).dropFirst(prefix.count))
            }
        }

        func all() -> String { lock.withLock { received.joined(separator: " | ") } }
    }

    /// A line to the benchmark, at once (stdout is a pipe, so `print` would buffer it).
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The CPU this process has used, user and system, all threads.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The node process itself.
    static func serve(folder: URL, unit: UnitCode, root: URL, expected: Int, parentPort: Int?) async throws {
        var logger = Logger(label: "country-\(unit)")
        logger.logLevel = .critical
        let store = try NodeStore.open(at: folder.appendingPathComponent("baocao.sqlite").path)
        let anchors = try Data(contentsOf: root.appendingPathComponent("root.pem"))
        let registry = try PKIFiles.decodeRegistry(Data(contentsOf: root.appendingPathComponent("registry.json")))
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: folder.path), home: unit,
                                  bootstrap: .init(anchorsPEM: anchors, pinnedPublishers: [], registry: registry), clockTolerance: 86_400)
        let nodeCertificate = try Data(contentsOf: folder.appendingPathComponent("node.pem"))
        let nodeKey = try Data(contentsOf: folder.appendingPathComponent("node.key"))
        let tls = try SyncServer.tlsConfiguration(certificatePEM: nodeCertificate, keyPEM: nodeKey, anchorsPEM: anchors)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try SyncServer.application(runtime: runtime, tls: tls, host: "127.0.0.1", port: 0, logger: logger) { continuation.yield($0) }
        let server = Task { try await app.runService() }
        var port = 0
        for await value in stream { port = value; break }
        emit("PORT \(port)")
        let cpuAtStart = Self.cpuSeconds()

        // What the units directly below send. Until the cycle's own steps, the reports this
        // node holds are only those: a province makes its own reports after accepting, and
        // the archive copies of what communes send end at the province (BundleRouter), so
        // the store's count of reports is the count received.
        let children = Set(try runtime.topology().units.filter { $0.parentCode == unit }.map(\.code))
        // The benchmark says `GO` once every bundle sent here was answered — each answer
        // follows its commit —, so the node waits without polling its store: 30 nodes
        // waiting their turn, polling every 20 ms, took a quarter of the two cores.
        for await line in ChildProcess.lines where line == "GO" { break }
        let held = try await store.writer.read { try ReportRecord.fetchCount($0) }
        guard held == expected else { throw BenchmarkFailure("\(unit): \(held) reports held once every send was answered, \(expected) expected") }
        let catalog = try store.catalog()
        guard let parentPort else {
            // The national figures, to be checked against the communes' own: every regime's
            // first indicator summed over the provinces' consolidated reports.
            var totals: [String: ExactDecimal] = [:]
            for regime in catalog.regimes {
                for report in try store.latestReports(regime: regime.code, periods: [CountryBenchmark.period], states: [.received], units: children) {
                    for (key, value) in report.values where key.breakdown.isEmpty && key.indicator.hasSuffix("CT001") {
                        totals[key.description, default: .zero] = try totals[key.description, default: .zero].adding(value)
                    }
                }
            }
            var result = Result(received: try store.summary().reports)
            result.nationalTotals = totals.mapValues(\.description)
            result.peakRSS = try WebBenchmark.peakRSS(pid: getpid())
            result.cpu = Self.cpuSeconds() - cpuAtStart
            emit("RESULT " + String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
            // Still serving: the last province finishes its round (it reads the feed after
            // pushing) before the benchmark stops this node.
            try await server.value
            return
        }

        let signing = try SigningIdentity(keyPEM: Data(contentsOf: folder.appendingPathComponent("signing.key")),
                                          certificatePEM: Data(contentsOf: folder.appendingPathComponent("signing.pem")), password: nil)
        let work = NodeWork(runtime: runtime, identity: signing)
        guard let account = try AccountService(store: store).account(login: "lanhdao") else { throw BenchmarkFailure("no account at \(unit)") }
        let actor = StaffMember(userId: account.id, login: account.login, displayName: account.displayName, roles: account.roles)
        let received = try InboxService(work: work).list(state: .received, by: actor).map(\.report).filter { children.contains($0.unitCode) }
        var result = Result(received: received.count)

        // The province's staff accept every report at once ("accept all"; each decision
        // signed and queued down).
        var start = Date()
        try InboxService(work: work).accept(reports: received.compactMap(\.id), by: actor, at: Date())
        result.accept = Date().timeIntervalSince(start)

        // Its own report for each regime, made from what the communes sent.
        start = Date()
        let reports = ReportService(work: work)
        for regime in catalog.regimes {
            let draft = try reports.create(regime: regime.code, period: CountryBenchmark.period, by: actor, at: Date())
            for section in catalog.form(code: regime.form)!.sections {
                try reports.approveSection(report: draft.id!, section: section.code, by: actor, at: Date())
            }
            try reports.submit(report: draft.id!, by: actor, at: Date())
            _ = try reports.approve(report: draft.id!, by: actor, at: Date())
            try reports.send(report: draft.id!, by: actor, at: Date())
        }
        result.consolidate = Date().timeIntervalSince(start)

        // Up to the national node.
        start = Date()
        let host = DevelopmentPKI.hostName(of: CountryBenchmark.national)
        let http = try SyncClient.makeHTTPClient(certificatePEM: nodeCertificate, keyPEM: nodeKey, anchorsPEM: anchors, resolving: [host: "127.0.0.1"])
        let client = SyncClient(runtime: runtime, parentURL: "https://\(host):\(parentPort)", parentUnit: CountryBenchmark.national, http: http)
        var pushed = 0
        while pushed < catalog.regimes.count {
            let round = try await client.round()
            guard round.refused == 0 else { throw BenchmarkFailure("\(unit): the national node refused \(round.refused) reports") }
            pushed += round.pushed
        }
        try await http.shutdown()
        result.push = Date().timeIntervalSince(start)
        result.peakRSS = try WebBenchmark.peakRSS(pid: getpid())
        result.cpu = Self.cpuSeconds() - cpuAtStart
        emit("RESULT " + String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
        server.cancel()
    }
}
