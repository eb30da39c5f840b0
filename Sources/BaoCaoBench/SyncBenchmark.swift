import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import BaoCaoSync
import BaoCaoTesting
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Sync over a poor link and ingest over HTTPS, each beside its limit in the same run.
struct SyncBenchmark {
    let topology = try! Topology(units: [
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "08515", name: "Xã Hy Cương", kind: .commune, parentCode: "25"),
    ])
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-\(UUID().uuidString)")
    var logger: Logger {
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        return logger
    }

    struct Node {
        let runtime: NodeRuntime
        let port: Int
        let server: Task<Void, any Error>
    }

    func node(_ unit: UnitCode, pki: DevelopmentPKI, name: String, logger: Logger? = nil) async throws -> Node {
        let folder = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try NodeStore.open(at: folder.appendingPathComponent("baocao.sqlite").path)
        _ = try store.initialize(homeUnit: unit, topology: topology, catalog: Catalog(), at: Date())
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: folder.path), home: unit,
                                  bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry),
                                  clockTolerance: 86_400)
        let identity = pki.units[unit]!.node
        let tls = try SyncServer.tlsConfiguration(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(), anchorsPEM: pki.root.certificate.pem)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try SyncServer.application(runtime: runtime, tls: tls, host: "127.0.0.1", port: 0, logger: logger ?? self.logger) { continuation.yield($0) }
        let server = Task { try await app.runService() }
        var port = 0
        for await value in stream { port = value; break }
        return Node(runtime: runtime, port: port, server: server)
    }

    func client(for node: NodeRuntime, to port: Int, pki: DevelopmentPKI) throws -> SyncClient {
        let identity = pki.units[node.home]!.node
        // The province by its certificate's host name, reached on loopback.
        let host = DevelopmentPKI.hostName(of: "25")
        let http = try SyncClient.makeHTTPClient(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(), anchorsPEM: pki.root.certificate.pem,
                                                 resolving: [host: "127.0.0.1"])
        return SyncClient(runtime: node, parentURL: "https://\(host):\(port)", parentUnit: "25", http: http)
    }

    /// A bundle of 2 MiB over 64 kbit/s with 300 ms each way and a cut every 256 KiB, beside
    /// the time its bytes alone take at that rate (issue 22: ≤ 1.1 ×). Prints, for each
    /// connection, what it carried, what of that the province kept, and the seconds the
    /// link lost on it (its share of the time beyond what the bytes kept take).
    func poorLink(pki: DevelopmentPKI, size: Int) async throws -> [BenchmarkRow] {
        let appended = UploadAppendLog()
        var provinceLogger = Logger(label: "bench-poor-link") { _ in appended }
        provinceLogger.logLevel = .debug
        let province = try await node("25", pki: pki, name: "poor-province", logger: provinceLogger)
        let commune = try await node("08515", pki: pki, name: "poor-commune")
        var generator = SystemRandomNumberGenerator()
        let attachment = (0..<size / 8).map { _ in generator.next() as UInt64 }.withUnsafeBytes { Data($0) }
        // A report with a scanned document attached, declared in the report as the receiver requires.
        let part = ReportDocument.Attachment.part(1)
        let declared = ReportDocument.Attachment(name: "so-lieu.bin", contentType: "application/octet-stream", size: attachment.count,
                                                 sha256: SHA256Digest.hex(of: attachment), part: part)
        let (id, bundle) = try BundleWriter(identity: pki.units["08515"]!.signing).write(
            kind: .report, sender: "08515", recipient: "25",
            parts: [.init(path: "report.json", data: BundleBenchmark.report(seed: 0, unit: "08515", attachments: [declared])),
                    .init(path: part, data: attachment, mediaType: "application/octet-stream")],
            about: BundleBenchmark.about, at: Date())
        guard try commune.runtime.ingest(bundle, from: .thisNode, now: Date()) == .accepted else { throw BenchmarkFailure("queue failed") }
        let rate = 64_000 / 8
        let faults = FaultProxy.Faults(bytesPerSecond: rate, latency: .milliseconds(300), cutAfter: 256 << 10)
        let proxy = try FaultProxy(to: province.port, faults: faults)
        try await proxy.start()
        let client = try client(for: commune.runtime, to: proxy.port, pki: pki)
        let start = NIODeadline.now()
        // Rounds until the bundle is no longer waiting (a round cut off after the upload
        // completed still counts); a refusal ends the benchmark.
        var refused = 0
        while try commune.runtime.store.pendingDeliveries(direction: .up).contains(where: { $0.bundleId == id }) {
            refused += (try? await client.round())?.refused ?? 0
        }
        guard try province.runtime.store.holdsBundle(id: id) else {
            throw BenchmarkFailure("poor link: the province refused the bundle (\(refused) refusal(s) in the rounds; the commune's outbox keeps the reason)")
        }
        let end = NIODeadline.now()
        let seconds = Double((end - start).nanoseconds) / 1e9
        let floor = Double(bundle.count) / Double(rate)
        let resentPerCut = Double(proxy.upstreamBytes - bundle.count) / Double(max(proxy.cuts, 1))
        Swift.print("poor link: \(bundle.count) bytes in \(String(format: "%.1f", seconds)) s (the bytes alone: \(String(format: "%.1f", floor)) s), "
            + "\(proxy.cuts) cuts, \(proxy.upstreamBytes) bytes sent upstream (TLS and HTTP included)")
        Self.printConnections(proxy.connections, appends: appended.appends, rate: rate, start: start, end: end)
        try? await client.http.shutdown()
        await proxy.stop()

        // The same file by a client that cannot resume: curl --retry through the same faults.
        let curl = try await curlAttempt(bundle: bundle, port: province.port, pki: pki, faults: faults)
        Swift.print("curl --retry: \(curl)")
        province.server.cancel()
        commune.server.cancel()
        return [
            BenchmarkRow(name: "poor link: deliver \(bundle.count >> 10) KiB bundle, 64 kbit/s, 300 ms, cut every 256 KiB", figure: seconds, unit: "s",
                         reference: floor, referenceName: "size ÷ 64 kbit/s", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1.1,
                         goalWording: "≤ 1.1 × size ÷ bandwidth (issue 22)"),
            BenchmarkRow(name: "poor link: re-sent per cut (KiB)", figure: resentPerCut / 1024, unit: "KiB",
                         reference: 64, referenceName: "64 KiB", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1.0),
        ]
    }

    /// One line per connection of the poor link: its upstream bytes, what the province kept
    /// of them (the PATCH it carried, from the province's log), the bytes sent for nothing
    /// (handshake, requests, the TLS record cut in half), the link's idle seconds on it
    /// (waiting for the handshake's and the requests' answers), and the seconds lost: the
    /// time since the previous connection closed, less what its kept bytes take at `rate`.
    static func printConnections(_ connections: [FaultProxy.Connection], appends: [UploadAppendLog.Append], rate: Int,
                                 start: NIODeadline, end: NIODeadline) {
        var previous = start
        var lost = 0.0
        for (index, connection) in connections.enumerated() {
            let closed = connection.closed ?? end
            let kept = index < appends.count ? appends[index].to - appends[index].from : 0
            let spent = Double((closed - previous).nanoseconds) / 1e9
            let lostHere = spent - Double(kept) / Double(rate)
            lost += lostHere
            Swift.print(String(format: "  connection %d%@: %d bytes up, %d kept, %d sent for nothing; link idle %.2f s; %.2f s lost",
                               index + 1, connection.cut ? " (cut)" : "", connection.upstreamBytes, kept, connection.upstreamBytes - kept,
                               Double(connection.idle.nanoseconds) / 1e9, lostHere))
            previous = closed
        }
        Swift.print(String(format: "  in all: %.1f s lost over %d connections", lost, connections.count))
    }

    /// What a non-resumable client does on the same link: each retry starts from zero.
    func curlAttempt(bundle: Data, port: Int, pki: DevelopmentPKI, faults: FaultProxy.Faults) async throws -> String {
        let proxy = try FaultProxy(to: port, faults: faults)
        try await proxy.start()
        let folder = directory.appendingPathComponent("curl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try BundleFraming.encode([bundle]).write(to: folder.appendingPathComponent("body"))
        try pki.units["08515"]!.node.certificate.pem.write(to: folder.appendingPathComponent("node.pem"))
        try pki.units["08515"]!.node.key.pem().write(to: folder.appendingPathComponent("node.key"))
        try pki.root.certificate.pem.write(to: folder.appendingPathComponent("root.pem"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.currentDirectoryURL = folder
        process.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--retry", "2", "--retry-all-errors", "--retry-delay", "0",
                             "--cert", "node.pem", "--key", "node.key", "--cacert", "root.pem",
                             "-H", "Content-Type: \(BundleFraming.mediaType)", "--data-binary", "@body",
                             "--resolve", "\(DevelopmentPKI.hostName(of: "25")):\(proxy.port):127.0.0.1",
                             "https://\(DevelopmentPKI.hostName(of: "25")):\(proxy.port)/sync/v1/bundles"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let code = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        await proxy.stop()
        return process.terminationStatus == 0 && code == "200"
            ? "finished after \(String(format: "%.0f", seconds)) s"
            : "never finished: 3 attempts, each cut at 256 KiB, gave up after \(String(format: "%.0f", seconds)) s (\(proxy.upstreamBytes) bytes sent)"
    }

    /// Report bundles of 200 values taken in by the province over HTTPS on loopback,
    /// beside the in-process verify-and-store rate of the same bundles.
    func ingest(pki: DevelopmentPKI, count: Int) async throws -> [BenchmarkRow] {
        let writer = BundleWriter(identity: pki.units["08515"]!.signing)
        let now = Date()
        let bundles = try (0..<count).map { index in
            try writer.write(kind: .report, sender: "08515", recipient: "25",
                             parts: [.init(path: "report.json", data: BundleBenchmark.report(seed: index, unit: "08515"))],
                             about: BundleBenchmark.about,
                             at: now.addingTimeInterval(Double(index))).data
        }
        // In process: the same pipeline, batches of 200, straight into a fresh node.
        let local = try await node("25", pki: pki, name: "ingest-local")
        local.server.cancel()
        // Setup's own writes on disk before the clock starts (syncfs of the node's file
        // system); the node's folder, as its bundle folder is made only with its first bundle.
        try DurableFile.flush([local.runtime.files.directory.deletingLastPathComponent()])
        let cpuAtStart = CountryNode.cpuSeconds()
        let inProcess = measure {
            for batch in stride(from: 0, to: count, by: 200).map({ Array(bundles[$0..<min($0 + 200, count)]) }) {
                let outcomes = local.runtime.ingestBatch(batch, from: .carrier, now: now.addingTimeInterval(Double(count) + 5))
                precondition(outcomes.allSatisfy { (try? $0.outcome.get()) == .accepted }, "in-process ingest failed")
            }
        }
        // What the country's province nodes pay, their cores being busy: CPU, not wall time.
        let cpuPerBundle = (CountryNode.cpuSeconds() - cpuAtStart) / Double(count)
        print(String(format: "sync: in-process ingest took %.3f ms of CPU (user + system) per bundle, %.0f bundles/s on the clock",
                     cpuPerBundle * 1000, Double(count) / inProcess))
        // Over HTTPS: the commune's queue pushed to a fresh province.
        let province = try await node("25", pki: pki, name: "ingest-province")
        let commune = try await node("08515", pki: pki, name: "ingest-commune")
        let queued = BundleFiles(dataDirectory: directory.appendingPathComponent("ingest-commune").path)
        var queuedIds: [String] = []
        for data in bundles {
            let id = SHA256Digest.hex(of: try BundleArchive(reading: data).contents(of: Manifest.fileName)!)
            try queued.write(data, id: id, flush: false)
            queuedIds.append(id)
            let stored = StoredBundle(id: id, kind: "report", sender: "08515", recipient: "25", size: data.count, signer: "",
                                      signedAt: now, origin: .local, receivedAt: now, about: [:])
            _ = try commune.runtime.store.record(stored, deliveries: [Delivery(bundleId: id, destination: "25", direction: .up, queuedAt: now)])
        }
        try queued.flush(queuedIds)  // the queue's own writes are setup, not the province's ingest
        let client = try client(for: commune.runtime, to: province.port, pki: pki)
        let start = Date()
        let round = try await client.round(now: { now.addingTimeInterval(Double(count) + 5) })
        let overHTTPS = Date().timeIntervalSince(start)
        guard round.pushed == count else { throw BenchmarkFailure("pushed \(round.pushed) of \(count), refused \(round.refused)") }
        try? await client.http.shutdown()
        province.server.cancel()
        commune.server.cancel()
        let httpsRate = Double(count) / overHTTPS
        let localRate = Double(count) / inProcess
        return [
            BenchmarkRow(name: "ingest over HTTPS (bundles/s)", figure: httpsRate, unit: "bundles/s",
                         reference: localRate, referenceName: "in-process verify and store", goalRatio: 0.5),
            BenchmarkRow(name: "ingest over HTTPS, absolute (bundles/s)", figure: httpsRate, unit: "bundles/s",
                         reference: 1500, referenceName: "issue 22's goal, 1,500/s", goalRatio: 1.0, goalWording: "≥ 1,500 bundles/s"),
        ]
    }

    /// Bytes on the wire per report: `count` report bundles of 200 values pushed by the
    /// commune's sync client in one round through a counting proxy — every byte the client
    /// sent upstream, TLS, HTTP and framing included, the batch being one deflate stream —
    /// divided by `count`; beside one `gzip -9` (the command-line tool, run once) of the
    /// same reports' values written as `key;value` CSVs one after the other, divided by
    /// `count`. One stream on each side: the CSVs share their keys as the bundles do.
    func wireBytes(pki: DevelopmentPKI, count: Int) async throws -> [BenchmarkRow] {
        let province = try await node("25", pki: pki, name: "wire-province")
        let commune = try await node("08515", pki: pki, name: "wire-commune")
        let writer = BundleWriter(identity: pki.units["08515"]!.signing)
        let now = Date()
        var csvs = Data()
        for index in 0..<count {
            let report = BundleBenchmark.report(seed: index, unit: "08515")
            let (_, bundle) = try writer.write(kind: .report, sender: "08515", recipient: "25", parts: [.init(path: "report.json", data: report)],
                                               about: BundleBenchmark.about, at: now.addingTimeInterval(Double(index)))
            guard try commune.runtime.ingest(bundle, from: .thisNode, now: now) == .accepted else { throw BenchmarkFailure("queue failed") }
            let values = try ReportDocument.decode(report).values
            let csv = values.keys.sorted().map { "\($0.description);\(values[$0]!.text)\n" }.joined()
            csvs.append(Data(csv.utf8))
        }
        let gzipped = try Self.gzipSize(csvs)
        let proxy = try FaultProxy(to: province.port, faults: .init())
        try await proxy.start()
        let client = try client(for: commune.runtime, to: proxy.port, pki: pki)
        let round = try await client.round(now: { now.addingTimeInterval(Double(count) + 5) })
        let onWire = proxy.upstreamBytes
        try? await client.http.shutdown()
        await proxy.stop()
        province.server.cancel()
        commune.server.cancel()
        guard round.pushed == count else { throw BenchmarkFailure("pushed \(round.pushed) of \(count)") }
        Swift.print("wire: \(count) reports, \(onWire) bytes upstream in one round; the \(count) CSVs, \(csvs.count) bytes, gzip -9 as one stream: \(gzipped) bytes")
        // No number in the issue: the signature, certificate and container a report carries
        // should cost at most as much again as its figures, compressed.
        return [BenchmarkRow(name: "bytes on the wire per report (200 values), a batch of \(count) ÷ \(count)", figure: Double(onWire) / Double(count), unit: "B",
                             reference: Double(gzipped) / Double(count), referenceName: "gzip -9 of the \(count) reports' CSVs as one stream, ÷ \(count)",
                             goalRatio: 0, lowerIsBetter: true, goalMaximum: 2)]
    }

    /// `gzip -9`'s output size for `data`.
    static func gzipSize(_ data: Data) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", "-c", "-n"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed.count
    }

    func run(ingestCount: Int, poorLinkSize: Int, skipPoorLink: Bool) async throws -> [BenchmarkRow] {
        let pki = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date().addingTimeInterval(-3600))
        defer { try? FileManager.default.removeItem(at: directory) }
        var rows = try await ingest(pki: pki, count: ingestCount) + wireBytes(pki: pki, count: 200)
        if !skipPoorLink { rows = try await poorLink(pki: pki, size: poorLinkSize) + rows }
        return rows
    }
}
