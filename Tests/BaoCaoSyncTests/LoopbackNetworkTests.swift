import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoZip
import BaoCaoTesting
import Foundation
import GRDB
import Hummingbird
import Logging
import NIOSSL
import Testing
@testable import BaoCaoNode
@testable import BaoCaoSync

/// Real nodes on loopback with real TLS: a province, a district and a commune, each with
/// its own database, bundle files and sync server.
final class LoopbackNetwork: @unchecked Sendable {
    struct Node {
        let unit: UnitCode
        let runtime: NodeRuntime
        let port: Int
        let server: Task<Void, any Error>
    }

    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "17-SKHDT", name: "Sở Kế hoạch và Đầu tư", kind: .department, parentCode: "17"),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
    ])

    let pki: DevelopmentPKI
    let directory: URL
    var nodes: [UnitCode: Node] = [:]
    var clients: [HTTPClient] = []
    let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return logger
    }()

    /// The units this network runs, one node each.
    let topology: Topology
    /// The resumable uploads' quotas and lifetime on every node.
    let uploads: UploadPolicy
    /// The TLS identity a node's sync server presents, where it is not its node certificate
    /// from ``pki``.
    let serving: [UnitCode: SigningIdentity]

    init(topology: Topology = LoopbackNetwork.topology, uploads: UploadPolicy = .default,
         serving: [UnitCode: SigningIdentity] = [:]) async throws {
        self.topology = topology
        self.uploads = uploads
        self.serving = serving
        pki = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date().addingTimeInterval(-3600))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-loopback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for unit in topology.units.map(\.code) {
            try await start(unit)
        }
    }

    var anchors: Data { pki.root.certificate.pem }

    func dataDirectory(_ unit: UnitCode) -> String { directory.appendingPathComponent(unit.rawValue).path }

    private func start(_ unit: UnitCode) async throws {
        try FileManager.default.createDirectory(atPath: dataDirectory(unit), withIntermediateDirectories: true)
        let store = try NodeStore.open(at: dataDirectory(unit) + "/baocao.sqlite")
        _ = try store.initialize(homeUnit: unit, topology: topology, catalog: Catalog(), at: Date())
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: dataDirectory(unit)), home: unit,
                                  bootstrap: .init(anchorsPEM: anchors, pinnedPublishers: [pki.publisher], registry: pki.registry),
                                  clockTolerance: 86_400, signer: pki.units[unit]!.signing)
        let identity = serving[unit] ?? pki.units[unit]!.node
        let tls = try SyncServer.tlsConfiguration(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(), anchorsPEM: anchors)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try SyncServer.application(runtime: runtime, tls: tls, host: "127.0.0.1", port: 0, logger: logger,
                                                uploads: uploads) { port in
            continuation.yield(port)
        }
        let server = Task { try await app.runService() }
        var port = 0
        for await value in stream { port = value; break }
        nodes[unit] = Node(unit: unit, runtime: runtime, port: port, server: server)
    }

    /// A network whose district (157) is reached through a fault-injecting proxy: `body` runs
    /// with both, and both are stopped after it, whatever it throws.
    static func throughProxy(faults: FaultProxy.Faults, _ body: (LoopbackNetwork, FaultProxy) async throws -> Void) async throws {
        let network = try await LoopbackNetwork()
        let proxy = try FaultProxy(to: network.nodes["157"]!.port, faults: faults)
        do {
            try await proxy.start()
            try await body(network, proxy)
        } catch {
            await proxy.stop()
            await network.stop()
            throw error
        }
        await proxy.stop()
        await network.stop()
    }

    /// A client that reaches `unit`'s parent through a proxy on `port` instead of directly.
    func client(_ unit: UnitCode, throughPort port: Int) throws -> SyncClient {
        let base = try client(unit)
        return SyncClient(runtime: base.runtime, parentURL: "https://\(DevelopmentPKI.hostName(of: base.parentUnit)):\(port)",
                          parentUnit: base.parentUnit, http: base.http)
    }

    /// A sync client for `unit` talking to its parent, presenting `identity` (its own node certificate by default).
    func client(_ unit: UnitCode, presenting identity: SigningIdentity? = nil, anchors: Data? = nil, parent: UnitCode? = nil) throws -> SyncClient {
        let node = nodes[unit]!
        let parentUnit = parent ?? topology.unit(code: unit)!.parentCode!
        let presented = identity ?? pki.units[unit]!.node
        // The parent by its certificate's host name, reached on loopback.
        let host = DevelopmentPKI.hostName(of: parentUnit)
        let http = try SyncClient.makeHTTPClient(certificatePEM: presented.certificate.pem, keyPEM: presented.key.pem(), anchorsPEM: anchors ?? self.anchors,
                                                 resolving: [host: "127.0.0.1"])
        clients.append(http)
        return SyncClient(runtime: node.runtime, parentURL: "https://\(host):\(nodes[parentUnit]!.port)", parentUnit: parentUnit, http: http)
    }

    /// The province publishes a release and takes it in itself; returns its bundle and content.
    @discardableResult
    /// `roots` are the release's trust anchors (the PKI's root by default); `registering` adds
    /// node certificates to those registered for each unit.
    func publishRelease(_ version: Int, after previous: AcceptedRelease?, catalog: Catalog,
                        revoked: [SignerRegistry.Revocation]? = nil, roots: [Certificate]? = nil,
                        registering: [UnitCode: [Certificate]] = [:]) throws -> (data: Data, release: AcceptedRelease) {
        var registered = pki.registry.nodes
        for (unit, certificates) in registering { registered[unit.rawValue, default: []] += certificates.map(\.fingerprint) }
        let content = ReleaseContent(
            publisher: "17", version: version, previousHash: previous?.hash, publishedAt: Date(), expiresAt: Date() + 86_400 * 30,
            topology: topology.units, catalog: catalog,
            trust: TrustList(anchors: (roots ?? [pki.root.certificate]).map { String(decoding: $0.pem, as: UTF8.self) }, publishers: [pki.publisher],
                             signers: pki.registry.signers, nodes: registered),
            revoked: revoked)
        let (_, data, release) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: Date())
        guard try nodes["17"]!.runtime.ingest(data, from: .thisNode, now: Date()) == .accepted else {
            throw BundleError(.invalidRelease, message: "release \(version) refused", log: "release \(version) refused")
        }
        return (data, release)
    }

    /// Stops a node, lets `change` work on its data directory, and starts it again.
    func restart(_ unit: UnitCode, change: () throws -> Void) async throws {
        let node = nodes[unit]!
        node.server.cancel()
        _ = await node.server.result
        try (node.runtime.store.writer as? DatabasePool)?.close()
        try change()
        try await start(unit)
    }

    func stop() async {
        for client in clients { try? await client.shutdown() }
        for node in nodes.values { node.server.cancel() }
        try? FileManager.default.removeItem(at: directory)
    }
}

@Suite("Three levels on loopback over mutual TLS", .serialized)
struct LoopbackNetworkTests {
    /// A report of commune 05290 to district 157 carrying `size` random bytes: incompressible,
    /// like a scanned document, so what crosses the link is the bundle's own size.
    static func commune05290Report(_ network: LoopbackNetwork, attaching size: Int, month: Int = 11) throws -> (id: String, data: Data) {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<size / 8).map { _ in generator.next() as UInt64 }
        return try SampleReport.write(BundleWriter(identity: network.pki.units["05290"]!.signing), unit: "05290", to: "157",
                                      month: month, attachment: words.withUnsafeBytes { Data($0) })
    }

    static let catalog = Catalog(
        indicators: [Indicator(code: "NN01", name: "Diện tích lúa", unitOfMeasure: "ha", valueType: .decimal, decimals: 1)],
        forms: [Form(code: "F1", title: "Biểu", sections: [.init(code: "A", title: "A", rows: ["NN01"])])],
        regimes: [Regime(code: "R1", name: "Tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .district, day: 18)],
                         reporters: ReporterSelection(kinds: [.commune, .district]), form: "F1"),
                  // Received by the department from every commune of the province.
                  Regime(code: "R2", name: "Quý", type: .periodic, frequency: .quarterly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 10)],
                         reporters: ReporterSelection(kinds: [.commune]), receiver: "17-SKHDT", form: "F1")])

    /// The province's release reaches the commune through the district; the commune's
    /// report reaches the province through the district, byte for byte, and the province
    /// holds it with the commune's own signature verified; a report for a department goes
    /// up to the province and down the department's feed.
    @Test func releaseDown_reportUp_relayedByDistrict() async throws {
        let network = try await LoopbackNetwork()
        do {
            let province = network.nodes["17"]!.runtime
            try network.publishRelease(1, after: nil, catalog: Self.catalog)

            #expect(try await network.client("157").round().pulled == 1)
            #expect(try await network.client("05290").round().pulled == 1)
            #expect(try network.nodes["05290"]!.runtime.store.latestRelease(publisher: "17")?.version == 1)
            #expect(try network.nodes["05290"]!.runtime.store.catalog() == Self.catalog)

            // The commune's report for the province, and one for the department.
            let commune = network.nodes["05290"]!.runtime
            let writer = BundleWriter(identity: network.pki.units["05290"]!.signing)
            let (reportID, reportData) = try SampleReport.write(writer, unit: "05290", to: "17", regime: "R1")
            let (deptID, deptData) = try SampleReport.write(writer, unit: "05290", to: "17-SKHDT", regime: "R2", at: Date().addingTimeInterval(1))
            #expect(try commune.ingest(reportData, from: .thisNode, now: Date()) == .accepted)
            #expect(try commune.ingest(deptData, from: .thisNode, now: Date()) == .accepted)

            #expect(try await network.client("05290").round().pushed == 2)
            let relayed = try await network.client("157").round()
            #expect(relayed.pushed == 2)
            let held = try #require(try province.store.bundle(id: reportID))
            #expect(held.sender == "05290" && held.origin == .https)
            #expect(held.signer == network.pki.units["05290"]!.signing.certificate.fingerprint)
            #expect(try province.files.read(reportID) == reportData)

            // The department node pulls its report from the province's feed.
            #expect(try await network.client("17-SKHDT").round().pulled == 2)   // the release and its report
            #expect(try network.nodes["17-SKHDT"]!.runtime.store.holdsBundle(id: deptID))

            // The final recipients' signed receipts travel back to the commune: the
            // department pushes its receipt up to the province, which sends both down.
            #expect(try await network.client("17-SKHDT").round().pushed == 1)
            // The province's own receipt may have come down with the relaying round already;
            // between the two rounds, the district takes both receipts, each once.
            let receiptsDown = try await network.client("157").round()
            #expect(relayed.pulled + receiptsDown.pulled == 2, "\(relayed) then \(receiptsDown)")
            #expect(try await network.client("05290").round().pulled == 2)
            let receipts = try await commune.store.writer.read { db in
                try String.fetchAll(db, sql: "SELECT sender || ':' || json_extract(about, '$.receiptFor') FROM bundle WHERE kind = 'receipt'")
            }
            #expect(receipts.contains("17:\(reportID)"), "\(receipts)")
            #expect(receipts.contains("17-SKHDT:\(deptID)"), "\(receipts)")

            // Nothing waits anywhere; another round moves nothing.
            #expect(try commune.store.pendingCounts().up == 0)
            #expect(try await network.client("05290").round() == SyncClient.Round())
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// Mutual TLS refuses a node with a certificate from another CA, and a registered node
    /// that is not a child of the server.
    /// Should answer the nine bundles of a batch of ten that the district can store even
    /// when the tenth always fails to be stored there (a constraint refuses its row): the
    /// nine are accepted in that round, the tenth is answered "not stored, offer again"
    /// without the district's internals and stays queued at the commune, and goes once the
    /// district can take it. (The district used to answer 507 for the whole batch, so one
    /// such bundle held up every other.)
    @Test func oneBundleTheParentCannotStore_isIsolated_andTheOtherNineAreAccepted() async throws {
        let network = try await LoopbackNetwork()
        do {
            let commune = network.nodes["05290"]!.runtime
            let district = network.nodes["157"]!.runtime
            let writer = BundleWriter(identity: network.pki.units["05290"]!.signing)
            var ids: [String] = []
            for index in 0..<10 {
                let (id, data) = try SampleReport.write(writer, unit: "05290", to: "157", revision: index + 1)
                #expect(try commune.ingest(data, from: .thisNode, now: Date()) == .accepted)
                ids.append(id)
            }
            let failing = ids[3]
            try await district.store.writer.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER refuse_one BEFORE INSERT ON bundle WHEN NEW.id = '\(failing)'
                    BEGIN SELECT RAISE(ABORT, 'trigger refuse_one'); END
                    """)
            }
            var client = try network.client("05290")
            client.outbox.random = { 1 }
            let start = Date()
            let round = try await client.round(now: { start })
            #expect(round.pushed == 9 && round.postponed == 1 && round.refused == 0, "\(round)")
            for (index, id) in ids.enumerated() { #expect(try district.store.holdsBundle(id: id) == (index != 3)) }
            let waiting = try #require(try commune.postponedBundles().first)
            #expect(waiting.bundleId == ids[3] && waiting.unsettledSince == nil, "an answer understood: not stored yet")
            #expect(waiting.lastAnswer.hasSuffix("[notStored]") && !waiting.lastAnswer.contains("refuse_one"), "\(waiting.lastAnswer)")

            try await district.store.writer.write { db in try db.execute(sql: "DROP TRIGGER refuse_one") }
            let later = try await client.round(now: { start.addingTimeInterval(120) })
            #expect(later.pushed == 1 && later.postponed == 0)
            #expect(try district.store.holdsBundle(id: ids[3]))
            #expect(try commune.store.pendingCounts().up == 0)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    @Test func mutualTLS_refusesForeignAndNonChildNodes() async throws {
        let network = try await LoopbackNetwork()
        do {
            let foreign = try DevelopmentPKI.make(topology: LoopbackNetwork.topology, unitCodes: ["17", "157"], keyKind: .ecP256, now: Date() - 3600)
            let impostor = try network.client("157", presenting: foreign.units["157"]!.node)
            let refused = await #expect(throws: (any Error).self) { try await impostor.round() }
            // Refused at the handshake: the server answers the certificate with the TLS alert "certificate unknown".
            #expect(refused is BoringSSLError, "\(String(describing: refused))")
            #expect(refused.map { "\($0)".contains("SSLV3_ALERT_CERTIFICATE_UNKNOWN") } == true, "\(String(describing: refused))")

            // A revoked node certificate is refused once the release revoking it is in force.
            try network.publishRelease(1, after: nil, catalog: Self.catalog,
                                       revoked: [.init(fingerprint: network.pki.units["157"]!.node.certificate.fingerprint, revokedAt: Date(), reason: "máy chủ bị mất")])
            do {
                _ = try await network.client("157").round()
                Issue.record("a revoked node must be refused")
            } catch let error as SyncError {
                guard case .parentAnswered(let status, _) = error else { Issue.record("\(error)"); return }
                #expect(status == 403)
            }

            // The commune is registered, but its parent is the district, not the province.
            let skipping = try network.client("05290", parent: "17")
            do {
                _ = try await skipping.round()
                Issue.record("a non-child must be refused")
            } catch let error as SyncError {
                guard case .parentAnswered(let status, _) = error else { Issue.record("\(error)"); return }
                #expect(status == 403)
            }
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// A district restored from an older backup resyncs: it gets back from the province
    /// what came down after the backup, and from its commune what it had acknowledged
    /// after the backup, each exactly once; nothing is duplicated at the province.
    @Test func restoreOfOlderBackup_resyncsWithoutDuplicates() async throws {
        let network = try await LoopbackNetwork()
        do {
            func publish(_ version: Int, after previous: AcceptedRelease?) throws -> AcceptedRelease {
                try network.publishRelease(version, after: previous, catalog: Self.catalog).release
            }
            let v1 = try publish(1, after: nil)
            _ = try await network.client("157").round()
            _ = try await network.client("05290").round()

            let backup = network.directory.appendingPathComponent("district-backup.zip")
            let district = network.nodes["157"]!.runtime
            try NodeBackup.write(store: district.store, files: district.files, unit: "157", signedBy: network.pki.units["157"]!.signing,
                                 to: backup, now: Date())
            let signers = BackupSignerCheck(try district.ingestor().trust)
            try await Task.sleep(for: .seconds(1.1))  // acknowledgements after the backup are strictly later

            let writer = BundleWriter(identity: network.pki.units["05290"]!.signing)
            let (reportID, report) = try SampleReport.write(writer, unit: "05290", to: "17")
            #expect(try network.nodes["05290"]!.runtime.ingest(report, from: .thisNode, now: Date()) == .accepted)
            #expect(try await network.client("05290").round().pushed == 1)
            #expect(try await network.client("157").round().pushed == 1)
            _ = try publish(2, after: v1)
            _ = try await network.client("157").round()
            _ = try await network.client("05290").round()

            try await network.restart("157") {
                try NodeBackup.restore(from: backup, into: network.dataDirectory("157"), expectedUnit: "157", signers: signers, now: Date())
            }
            let restored = network.nodes["157"]!.runtime
            #expect(try !restored.store.holdsBundle(id: reportID))
            #expect(try restored.store.latestRelease(publisher: "17")?.version == 1)

            _ = try await network.client("157").round()      // the province's feed again: v2
            #expect(try restored.store.latestRelease(publisher: "17")?.version == 2)
            let commune = try await network.client("05290").round()  // a new epoch: the commune offers the report again
            #expect(commune.pushed == 1)
            #expect(commune.parentRestored)
            #expect(try restored.store.holdsBundle(id: reportID))
            _ = try await network.client("157").round()      // relayed again: a duplicate at the province

            let province = network.nodes["17"]!.runtime.store
            let copies = try await province.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM bundle WHERE id = ?", arguments: [reportID]) }
            #expect(copies == 1)
            #expect(try restored.store.pendingCounts().up == 0)
            #expect(try network.nodes["05290"]!.runtime.store.pendingCounts().up == 0)
            #expect(FileManager.default.fileExists(atPath: network.dataDirectory("157") + "/baocao.sqlite"))
            let kept = try FileManager.default.contentsOfDirectory(atPath: network.directory.path).filter { $0.hasPrefix("157.before-restore-") }
            #expect(kept.count == 1)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// A bundle carried by USB and then sent again over HTTPS takes effect once.
    @Test func bundleByUSBThenHTTPS_takesEffectOnce() async throws {
        let network = try await LoopbackNetwork()
        do {
            let commune = network.nodes["05290"]!.runtime
            let district = network.nodes["157"]!.runtime
            let (id, report) = try SampleReport.write(BundleWriter(identity: network.pki.units["05290"]!.signing), unit: "05290", to: "157")
            #expect(try commune.ingest(report, from: .thisNode, now: Date()) == .accepted)
            let stick = network.directory.appendingPathComponent("usb")
            #expect(try USBTransfer(store: commune.store, files: commune.files).export(to: stick) == 1)
            let line = USBTransfer.importFile(stick.appendingPathComponent(id + ".bcb"), into: district, now: Date())
            #expect(line.text == id + ".bcb: accepted")
            let round = try await network.client("05290").round()
            #expect(round.pushed == 1)      // answered "duplicate", and so acknowledged
            #expect(try commune.store.pendingCounts().up == 0)
            let copies = try await district.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM bundle WHERE id = ?", arguments: [id]) }
            #expect(copies == 1)
            let receipts = try await district.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM bundle WHERE kind = 'receipt'") }
            #expect(receipts == 1)          // one receipt, not two
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// Two batches on their way at once, the link cut under the larger: the parent's answer
    /// to the other is booked all the same, so only the cut batch is offered again, and the
    /// next round delivers it.
    @Test func linkCutUnderOneBatch_keepsTheAnswerToTheOther() async throws {
        // Each connection is cut once it has carried 128 KiB up; only one is.
        try await LoopbackNetwork.throughProxy(faults: .init(cutAfter: 128 << 10, maximumCuts: 1)) { network, proxy in
            let commune = network.nodes["05290"]!.runtime
            var ids: [String] = []
            for month in 1...5 {
                let (id, bundle) = try Self.commune05290Report(network, attaching: 48 << 10, month: month)
                #expect(try commune.ingest(bundle, from: .thisNode, now: Date()) == .accepted)
                ids.append(id)
            }
            // A batch of four (about 200 KiB, cut) and a batch of one (about 50 KiB), both on their way.
            var client = try network.client("05290", throughPort: proxy.port)
            client.batchCount = 4
            await #expect(throws: (any Error).self) { try await client.round() }
            #expect(proxy.cuts == 1)
            let district = network.nodes["157"]!.runtime.store
            let held = try ids.filter { try district.holdsBundle(id: $0) }
            let pending = try commune.store.pendingDeliveries(direction: .up).map(\.bundleId)
            #expect(held.count == 1, "the batch of one arrived: \(held)")
            #expect(Set(pending) == Set(ids).subtracting(held), "its answer booked, the cut batch still queued: \(pending)")

            let again = try await client.round()
            #expect(again.pushed == 4 && again.refused == 0, "\(again)")
            #expect(try ids.allSatisfy { try district.holdsBundle(id: $0) })
            #expect(try commune.store.pendingDeliveries(direction: .up).isEmpty)
        }
    }

    /// A 512 KiB bundle — under a 1 MiB resumable threshold, so it starts in an ordinary batch —
    /// over a slow link with 300 ms latency that is cut every 256 KiB: the cut batch shrinks
    /// the link budget, the bundle then goes by resumable upload and arrives. (A batch sent
    /// again whole at every attempt would never get through.)
    @Test func bundleLargerThanTheLinkCarries_switchesToResumable_andArrives() async throws {
        let slowAndCut = FaultProxy.Faults(bytesPerSecond: 256_000, latency: .milliseconds(300), cutAfter: 256 << 10)
        try await LoopbackNetwork.throughProxy(faults: slowAndCut) { network, proxy in
            let commune = network.nodes["05290"]!.runtime
            let (id, bundle) = try Self.commune05290Report(network, attaching: 512 << 10)
            #expect(try commune.ingest(bundle, from: .thisNode, now: Date()) == .accepted)
            var delivered = false
            // One client, as `baocao serve` keeps one: what it learns of the link lasts from round to round.
            var client = try network.client("05290", throughPort: proxy.port)
            client.resumableThreshold = 1 << 20
            for _ in 0..<8 where !delivered {
                delivered = (try? await client.round().pushed == 1) ?? false
            }
            #expect(delivered)
            #expect(try network.nodes["157"]!.runtime.store.holdsBundle(id: id))
            #expect(client.linkBudget.bytes < 1 << 20, "the budget learned the link")
        }
    }

    /// A large bundle sent over a link that is cut every 256 KiB arrives whole: each
    /// attempt resumes from the offset the server holds, so little is sent twice.
    @Test func resumableUpload_survivesRepeatedCuts() async throws {
        try await LoopbackNetwork.throughProxy(faults: .init(cutAfter: 256 << 10, maximumCuts: 8)) { network, proxy in
            let commune = network.nodes["05290"]!.runtime
            let (id, bundle) = try Self.commune05290Report(network, attaching: 2 << 20)
            #expect(bundle.count > 2 << 20)
            #expect(try commune.ingest(bundle, from: .thisNode, now: Date()) == .accepted)

            var attempts = 0
            var delivered = false
            while !delivered, attempts < 20 {
                attempts += 1
                do {
                    delivered = try await network.client("05290", throughPort: proxy.port).round().pushed == 1
                } catch {
                    continue  // cut: the next round resumes
                }
            }
            #expect(delivered)
            #expect(proxy.cuts >= 5)
            #expect(try network.nodes["157"]!.runtime.store.holdsBundle(id: id))
            // Re-sent bytes per cut stay well under what a connection carries (256 KiB): only
            // what was in flight — in the socket buffers, more of it when the machine is
            // busy — plus the requests' headers; starting over would re-send it all.
            let resent = proxy.upstreamBytes - bundle.count
            #expect(resent / max(proxy.cuts, 1) < 128 << 10, "re-sent \(resent) bytes over \(proxy.cuts) cuts")
        }
    }

    /// Over a link cut every 256 KiB, a 2 MiB bundle arrives in one round: each cut after
    /// which the parent holds more than before is resumed at once from the parent's offset
    /// (no failed round, no backoff), the bundle arrives whole — its hash checked at the end,
    /// so a byte lost or sent twice at a resume would have it refused — and each cut costs
    /// only the new connection's handshake and requests and the small TLS record in flight.
    @Test func resumableUpload_resumesWithinTheRound_afterEachCutThatMadeProgress() async throws {
        try await LoopbackNetwork.throughProxy(faults: .init(cutAfter: 256 << 10, maximumCuts: 8)) { network, proxy in
            let commune = network.nodes["05290"]!.runtime
            let (id, bundle) = try Self.commune05290Report(network, attaching: 2 << 20)
            #expect(try commune.ingest(bundle, from: .thisNode, now: Date()) == .accepted)

            let round = try await network.client("05290", throughPort: proxy.port).round()
            #expect(round.pushed == 1 && round.refused == 0, "\(round)")
            #expect(proxy.cuts == 8)
            #expect(try network.nodes["157"]!.runtime.store.holdsBundle(id: id))
            #expect(try commune.store.pendingDeliveries(direction: .up).isEmpty)
            // Sent for nothing at each cut: the handshake (with the client's certificate), the
            // HEAD and PATCH requests, and what was sent of the record being cut — at most
            // one body piece of 4 KiB; whole 16 KiB records would lose twice as much on average.
            let resent = proxy.upstreamBytes - bundle.count
            #expect(resent / proxy.cuts < 8 << 10, "re-sent \(resent) bytes over \(proxy.cuts) cuts")
        }
    }

    /// A standard tus client (tuspy, from PyPI) delivers a bundle to a node's upload
    /// endpoint with its node certificate, and resumes after the link is cut.
    @Test func tuspyClient_deliversAndResumes() async throws {
        try await LoopbackNetwork.throughProxy(faults: .init(cutAfter: 300 << 10, maximumCuts: 3)) { network, proxy in
            let (id, bundle) = try Self.commune05290Report(network, attaching: 1 << 20)
            let folder = network.directory.appendingPathComponent("tuspy")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try bundle.write(to: folder.appendingPathComponent("bundle.bcb"))
            try network.pki.units["05290"]!.node.certificate.pem.write(to: folder.appendingPathComponent("node.pem"))
            try network.pki.units["05290"]!.node.key.pem().write(to: folder.appendingPathComponent("node.key"))
            try network.anchors.write(to: folder.appendingPathComponent("root.pem"))
            let script = """
                import sys
                from tusclient import client
                import socket
                # The district by its certificate's name, reached on loopback (no DNS here).
                resolve = socket.getaddrinfo
                socket.getaddrinfo = lambda host, *rest, **named: resolve("127.0.0.1" if host.endswith(".baocao.test") else host, *rest, **named)
                url, folder, sha = sys.argv[1], sys.argv[2], sys.argv[3]
                c = client.TusClient(url, client_cert=(folder + "/node.pem", folder + "/node.key"))
                u = c.uploader(folder + "/bundle.bcb", metadata={"sha256": sha, "filename": "bundle.bcb"}, retries=10, retry_delay=0)
                u.upload()
                print(u.offset)
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, "https://\(DevelopmentPKI.hostName(of: "157")):\(proxy.port)/sync/v1/uploads", folder.path, SHA256Digest.hex(of: bundle)]
            process.environment = ProcessInfo.processInfo.environment.merging(["REQUESTS_CA_BUNDLE": folder.appendingPathComponent("root.pem").path]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "tuspy: \(text)")
            #expect(text.contains(String(bundle.count)), "\(text)")
            #expect(proxy.cuts >= 1)
            #expect(try network.nodes["157"]!.runtime.store.holdsBundle(id: id))
        }
    }

    /// The tus rules a client relies on: 409 for a wrong offset, the offset after a partial
    /// PATCH, the outcome when complete, success for a retried final PATCH, termination.
    @Test func resumableUpload_protocolRules() async throws {
        let network = try await LoopbackNetwork()
        do {
            let http = try network.client("05290").http
            let base = "https://\(DevelopmentPKI.hostName(of: "157")):\(network.nodes["157"]!.port)"
            let (id, bundle) = try SampleReport.write(BundleWriter(identity: network.pki.units["05290"]!.signing), unit: "05290", to: "157",
                                                      narrative: String(repeating: "A", count: 5000))
            func send(_ method: HTTPMethod, _ path: String, _ headers: [(String, String)], _ body: Data? = nil) async throws -> HTTPClientResponse {
                var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
                request.method = method
                request.headers.add(name: "Tus-Resumable", value: "1.0.0")
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
                let response = try await http.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                return response
            }
            let options = try await send(.OPTIONS, "/sync/v1/uploads", [])
            #expect(options.headers.first(name: "Tus-Extension") == "creation,checksum,expiration,termination")
            let created = try await send(.POST, "/sync/v1/uploads", [("Upload-Length", String(bundle.count)),
                ("Upload-Metadata", "sha256 " + Data(SHA256Digest.hex(of: bundle).utf8).base64EncodedString())])
            #expect(created.status == .created)
            let location = try #require(created.headers.first(name: "Location"))
            // An upload is kept a day after it was created (an HTTP date, to the second).
            let expires = try #require(created.headers.first(name: "Upload-Expires"))
            let httpDate = DateFormatter()
            httpDate.locale = Locale(identifier: "en_US_POSIX")
            httpDate.timeZone = TimeZone(identifier: "GMT")
            httpDate.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let expiry = try #require(httpDate.date(from: expires), "\(expires)")
            #expect(abs(expiry.timeIntervalSinceNow - 86_400) < 60, "\(expires)")
            let octets = [("Content-Type", "application/offset+octet-stream")]
            #expect(try await send(.PATCH, location, octets + [("Upload-Offset", "10")], bundle.prefix(10)).status == .conflict)
            let half = bundle.count / 2
            let first = try await send(.PATCH, location, octets + [("Upload-Offset", "0")], bundle.prefix(half))
            #expect(first.status == .noContent && first.headers.first(name: "Upload-Offset") == String(half))
            #expect(try await send(.HEAD, location, []).headers.first(name: "Upload-Offset") == String(half))
            let badChecksum = try await send(.PATCH, location, octets + [("Upload-Offset", String(half)),
                ("Upload-Checksum", "sha256 " + Data(repeating: 0, count: 32).base64EncodedString())], bundle.suffix(from: half))
            #expect(badChecksum.status.code == 460)
            let last = try await send(.PATCH, location, octets + [("Upload-Offset", String(half))], bundle.suffix(from: half))
            #expect(last.status == .noContent)
            let answer = try #require(last.headers.first(name: "BaoCao-Answer").flatMap(ResumableUploads.decodeAnswer))
            #expect(answer.outcome == .accepted && answer.id == id)
            let retried = try await send(.PATCH, location, octets + [("Upload-Offset", String(half))], bundle.suffix(from: half))
            #expect(retried.status == .noContent && retried.headers.first(name: "Upload-Offset") == String(bundle.count))
            #expect(try network.nodes["157"]!.runtime.store.holdsBundle(id: id))
            #expect(try await send(.DELETE, location, []).status == .noContent)
            #expect(try await send(.HEAD, location, []).status == .notFound)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// Batches travel deflate-coded both ways; an uncoded batch is still accepted, and a
    /// coding the node does not know is refused with its name.
    @Test func batches_travelDeflateCoded() async throws {
        let network = try await LoopbackNetwork()
        do {
            let http = try network.client("05290").http
            let base = "https://\(DevelopmentPKI.hostName(of: "157")):\(network.nodes["157"]!.port)"
            let writer = BundleWriter(identity: network.pki.units["05290"]!.signing)
            func post(_ body: Data, coding: String?) async throws -> (HTTPResponseStatus, String) {
                var request = HTTPClientRequest(url: base + "/sync/v1/bundles")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: BundleFraming.mediaType)
                if let coding { request.headers.add(name: "Content-Encoding", value: coding) }
                request.body = .bytes(ByteBuffer(bytes: body))
                let response = try await http.execute(request, timeout: .seconds(30))
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                return (response.status, text)
            }
            let narrative = String(repeating: "Chỉ tiêu CT001 đạt 1.245,5 ha. ", count: 200)
            let first = try SampleReport.write(writer, unit: "05290", to: "157", narrative: narrative)
            let second = try SampleReport.write(writer, unit: "05290", to: "157", revision: 2, narrative: narrative + "x")
            let framed = BundleFraming.encode([first.data])
            #expect(Zlib.compress(framed).count * 4 < framed.count, "a report compresses on the wire")

            let plain = try await post(framed, coding: nil)
            #expect(plain.0 == .ok && plain.1.contains("accepted"), "\(plain)")
            let deflated = try await post(Zlib.compress(BundleFraming.encode([second.data])), coding: "deflate")
            #expect(deflated.0 == .ok && deflated.1.contains("accepted"), "\(deflated)")
            #expect(try network.nodes["157"]!.runtime.store.holdsBundle(id: second.id))
            let gzip = try await post(framed, coding: "gzip")
            #expect(gzip.0 == .badRequest && gzip.1.contains("gzip"), "\(gzip)")
            let broken = try await post(Data(Zlib.compress(framed).prefix(40)), coding: "deflate")
            #expect(broken.0 == .badRequest && broken.1.contains("bị hỏng"), "\(broken)")

            for accept in ["deflate", nil] {
                var request = HTTPClientRequest(url: base + "/sync/v1/feed?after=0")
                if let accept { request.headers.add(name: "Accept-Encoding", value: accept) }
                let response = try await http.execute(request, timeout: .seconds(30))
                let body = Data(try await response.body.collect(upTo: 16 << 20).readableBytesView)
                #expect(response.headers.first(name: "Content-Encoding") == (accept == nil ? nil : "deflate"))
                let decoded = try WireEncoding.decode(body, contentEncoding: response.headers.first(name: "Content-Encoding"), limit: 16 << 20)
                // The district's signed receipts for the two bundles it took, whichever the coding.
                let receipts = try BundleFraming.decode(decoded).map { try Manifest(decoding: BundleArchive(reading: $0).contents(of: Manifest.fileName)!) }
                #expect(receipts.map(\.kind) == [.receipt, .receipt], "\(accept ?? "identity")")
                #expect(receipts.compactMap { $0.about["receiptFor"] }.sorted() == [first.id, second.id].sorted(), "\(accept ?? "identity")")
            }
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }
}
