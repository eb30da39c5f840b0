import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import HTTPTypes
import GRDB
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
@testable import BaoCaoNode
@testable import BaoCaoSync

/// Simulated time: a date that only moves when a test moves it. Every `now:` of the
/// nodes under test reads one of these (a node whose clock is off reads it with an offset).
final class SimulatedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func set(_ date: Date) { lock.withLock { current = date } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }

    /// This clock as seen by a node whose clock is `offset` seconds ahead (negative: behind).
    func skewed(by offset: TimeInterval) -> @Sendable () -> Date { { self.now + offset } }
}

/// A district and its communes on loopback with real mutual TLS, where every node's
/// notion of time is a ``SimulatedClock`` (the district's sync server included), so a test
/// can move through hours, days or months of time in milliseconds.
///
/// Only the district serves; the communes are clients. Each node has its own database and
/// bundle files. The certificates are valid for ten years from a day before the real
/// time: TLS checks them against the real clock (see `PartitionAndClockTests`), the bundle
/// verifier against the simulated signing and receipt times.
final class SimulatedClockNetwork: @unchecked Sendable {
    static let district: UnitCode = "157"
    static let communes: [UnitCode] = ["05290", "05293", "05296"]

    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05293", name: "Xã Văn Sơn", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05296", name: "Xã Ngọc Sơn", kind: .commune, parentCode: "157"),
    ])

    /// Communes report by the 16th of the month in which the period's cut-off window ends.
    static let regime = Regime(code: "R1", name: "Báo cáo tháng", type: .periodic, frequency: .monthly,
                               deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .district, day: 18)],
                               reporters: ReporterSelection(kinds: [.commune]), form: "F1")
    static let catalog = Catalog(
        indicators: [Indicator(code: "NN01", name: "Diện tích lúa", unitOfMeasure: "ha", valueType: .decimal, decimals: 1)],
        forms: [Form(code: "F1", title: "Biểu", sections: [.init(code: "A", title: "A", rows: ["NN01"])])],
        regimes: [regime])

    /// The node's clock tolerance as `baocao` runs it by default (`clockToleranceHours`
    /// unset): ``NodeConfiguration/effectiveClockTolerance``.
    static let clockTolerance = NodeConfiguration(unit: "157", topology: "t.yaml", catalog: "c.yaml").effectiveClockTolerance

    /// A PKI long-lived enough for years of simulated time, made once for all tests.
    static let sharedPKI = try! DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date() - 86_400, validityDays: 3650)

    struct Node {
        let runtime: NodeRuntime
        let http: HTTPClient
    }

    let pki: DevelopmentPKI
    let parentClock: SimulatedClock
    let districtNode: SigningIdentity
    let directory: URL
    private(set) var nodes: [UnitCode: Node] = [:]
    private(set) var districtPort = 0
    private var server: Task<Void, any Error>?
    private var extraClients: [HTTPClient] = []
    let logger: Logger = {
        var logger = Logger(label: "partition-test")
        logger.logLevel = .critical
        return logger
    }()

    /// `signers` replaces the registry's signing certificates of some units (to register
    /// a certificate made for a test), `nodes` their registered TLS certificates;
    /// `districtNode` replaces the district's TLS identity.
    init(clock: SimulatedClock, pki: DevelopmentPKI = sharedPKI, signers: [UnitCode: [String]] = [:], nodes nodeCertificates: [UnitCode: [String]] = [:],
         districtNode: SigningIdentity? = nil) async throws {
        self.pki = pki
        self.districtNode = districtNode ?? pki.units[Self.district]!.node
        self.parentClock = clock
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-partition-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var registry = pki.registry
        if !signers.isEmpty || !nodeCertificates.isEmpty {
            registry = SignerRegistry(signers: registry.signers.merging(signers.map { ($0.key.rawValue, $0.value) }) { _, new in new },
                                      nodes: registry.nodes.merging(nodeCertificates.map { ($0.key.rawValue, $0.value) }) { _, new in new })
        }
        let bootstrap = NodeTrust.Bootstrap(anchorsPEM: anchors, pinnedPublishers: [pki.publisher], registry: registry)
        for unit in [Self.district] + Self.communes {
            let path = directory.appendingPathComponent(unit.rawValue).path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let store = try NodeStore.open(at: path + "/baocao.sqlite")
            _ = try store.initialize(homeUnit: unit, topology: Self.topology, catalog: Self.catalog, at: clock.now)
            let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: path), home: unit, bootstrap: bootstrap,
                                      clockTolerance: Self.clockTolerance, signer: pki.units[unit]!.signing)
            let identity = pki.units[unit]!.node
            let http = try SyncClient.makeHTTPClient(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(), anchorsPEM: anchors,
                                                     resolving: Self.loopback)
            nodes[unit] = Node(runtime: runtime, http: http)
        }
        try await startDistrictServer()
    }

    var anchors: Data { pki.root.certificate.pem }
    var district: NodeRuntime { nodes[Self.district]!.runtime }
    func runtime(_ unit: UnitCode) -> NodeRuntime { nodes[unit]!.runtime }

    /// The district's sync server, answering with the district's simulated clock (which
    /// also governs its check of the communes' TLS certificates).
    private func startDistrictServer() async throws {
        let identity = districtNode
        let tls = try SyncServer.tlsConfiguration(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(), anchorsPEM: anchors)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let clock = parentClock
        let app = try SyncServer.application(runtime: district, tls: tls, host: "127.0.0.1", port: 0, logger: logger,
                                             onRunning: { continuation.yield($0) }, now: { clock.now })
        server = Task { try await app.runService() }
        for await port in stream { districtPort = port; break }
    }

    /// The district's host name (its node certificate's), reached on loopback.
    static var loopback: [String: String] { [DevelopmentPKI.hostName(of: district): "127.0.0.1"] }

    /// A commune's sync client to the district on `port` (the district's own port by default).
    /// `http` defaults to the client `baocao` makes (``SyncClient/makeHTTPClient``).
    func client(_ unit: UnitCode, port: Int? = nil, http: HTTPClient? = nil) -> SyncClient {
        SyncClient(runtime: runtime(unit), parentURL: "https://\(DevelopmentPKI.hostName(of: Self.district)):\(port ?? districtPort)",
                   parentUnit: Self.district,
                   http: http ?? nodes[unit]!.http)
    }

    /// The same TLS client as ``SyncClient/makeHTTPClient``, except that a refused
    /// connection fails the request at once instead of being retried until the 60-second
    /// connect timeout: for rounds made while the parent is unreachable.
    func impatientHTTPClient(_ unit: UnitCode) throws -> HTTPClient {
        let identity = pki.units[unit]!.node
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificate.pem)).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.key.pem()), format: .pem))
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(anchors)))
        tls.minimumTLSVersion = .tlsv12
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.dnsOverride = Self.loopback
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        extraClients.append(http)
        return http
    }

    /// States `unit`'s clock to the district the way a sync request does (`BaoCao-Clock`),
    /// on a feed request that acknowledges nothing (`after=0`). Stands in for the stamp
    /// ``SyncClient`` should make from its injected clock but makes from the real one.
    func stateClock(of unit: UnitCode, as time: Date) async throws {
        var request = HTTPClientRequest(url: "https://\(DevelopmentPKI.hostName(of: Self.district)):\(districtPort)/sync/v1/feed?after=0")
        request.headers.add(name: SyncField.clock.rawName, value: ClockSkew.stamp(time))
        let response = try await nodes[unit]!.http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else { throw SyncError.parentAnswered(Int(response.status.code), "feed") }
    }

    /// What `ReportService.approve` then `send` leave at a commune: the report signed with
    /// the unit's key at `signedAt` (the commune's clock) into a bundle for the district,
    /// checked and queued up. Returns the bundle's id.
    @discardableResult
    func approveAndSend(_ unit: UnitCode, period: Period, revision: Int = 1, value: String = "12.5", signedAt: Date,
                        identity: SigningIdentity? = nil) throws -> String {
        let document = ReportDocument(regime: Self.regime.code, period: period, unit: unit, revision: revision, form: "F1", formVersion: 1,
                                      releaseVersion: nil, values: [ValueKey("NN01"): ReportValue(text: value)], narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao")
        let about = ["regime": Self.regime.code.rawValue, "period": period.id, "unit": unit.rawValue, "revision": String(revision)]
        let (id, data) = try BundleWriter(identity: identity ?? pki.units[unit]!.signing).write(
            kind: .report, sender: unit, recipient: .unit(Self.district),
            parts: [.init(path: ReportDocument.partPath, data: try document.encoded())], about: about, at: signedAt)
        switch try runtime(unit).ingest(data, from: .thisNode, now: signedAt) {
        case .accepted: return id
        case .rejected(let refusal), .postponed(let refusal, _): throw refusal   // the commune's own verdict, as it is
        case .duplicate: throw BundleError(.invalidManifest, message: "own report already held", log: "duplicate \(id)")
        }
    }

    /// The district's completeness and timeliness for a period, judged at `now`, the way
    /// `CompletenessService.completeness` judges it (that service lives in BaoCaoServices,
    /// which this test target does not link): the arrivals and the measured clock skews
    /// from the store, the regime's deadlines with the statutory working calendar.
    func completeness(_ period: Period, now: Date) throws -> [UnitCode: UnitCompleteness] {
        let store = district.store
        let arrivals = try store.arrivals(regime: Self.regime.code, periods: [period])[period] ?? []
        let units = Completeness.assess(
            expected: Self.regime.expectedReporters(at: Self.district, in: Self.topology),
            deadline: { Self.regime.deadline(for: period, senderKind: $0.kind, calendar: WorkingCalendar()) },
            arrivals: arrivals, skews: try store.clockSkews(), now: now)
        return Dictionary(uniqueKeysWithValues: units.map { ($0.unit.code, $0) })
    }

    static func deadline(_ period: Period) -> Date {
        regime.deadline(for: period, senderKind: .commune, calendar: WorkingCalendar())!.dueInstant
    }

    /// How many copies of a bundle the district holds.
    func copiesAtDistrict(_ id: String) async throws -> Int {
        try await district.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM bundle WHERE id = ?", arguments: [id]) ?? 0 }
    }

    func stop() async {
        server?.cancel()
        if let server { _ = await server.result }
        for node in nodes.values { try? await node.http.shutdown() }
        for http in extraClients { try? await http.shutdown() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` with a network, stopping it however `body` ends.
    static func with<T>(clock: SimulatedClock, pki: DevelopmentPKI = sharedPKI, signers: [UnitCode: [String]] = [:],
                        nodes: [UnitCode: [String]] = [:], districtNode: SigningIdentity? = nil,
                        _ body: (SimulatedClockNetwork) async throws -> T) async throws -> T {
        let network = try await SimulatedClockNetwork(clock: clock, pki: pki, signers: signers, nodes: nodes, districtNode: districtNode)
        do {
            let result = try await body(network)
            await network.stop()
            return result
        } catch {
            await network.stop()
            throw error
        }
    }
}

extension SimulatedClockNetwork {
    /// The first month at least two months after the real one: simulated time then always
    /// lies inside the certificates' validity, whenever the tests run.
    static func firstSimulatedMonth() -> (year: Int, month: Int) {
        let today = VietnamTime.civilDate(at: Date())
        let index = today.year * 12 + (today.month - 1) + 2
        return (index / 12, index % 12 + 1)
    }

    /// The `offset`-th month from ``firstSimulatedMonth()``.
    static func period(_ offset: Int) -> Period {
        let first = firstSimulatedMonth()
        let index = first.year * 12 + (first.month - 1) + offset
        return try! Period.month(index % 12 + 1, year: index / 12)
    }
}
