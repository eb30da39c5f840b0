import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import BaoCaoZip
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import Synchronization

/// The simulated country (issue 8): Viet Nam's two-level administration from the official
/// list (34 provinces, 3,321 communes), a development PKI, and one monthly cycle — every
/// commune sends 10 regimes' reports of 200 values each to its province node, each province
/// node accepts them, consolidates its 10 reports, signs and sends them to a national node.
///
/// The 35 province and national nodes are real nodes, each its own process
/// (`baocao-bench country-node`, see ``CountryNode``) with its own SQLite store, serving
/// sync over mutual TLS on loopback. The 3,321 communes are not: each commune's reports are
/// signed beforehand with its own key, and sent the way a commune's sync client sends them
/// (framed, deflated, one POST per commune, over TLS with the commune's own certificate),
/// so that the measure is the province's, not 3,321 SQLite files being made.
///
/// The national node's code is `VN` (ISO 3166-1), the only unit not in the official list.
struct CountryBenchmark {
    static let regimes = 10
    static let indicatorsPerForm = 200
    static let period: Period = "2026-10"
    static let national: UnitCode = "VN"
    static let password = "mat-khau-mo-phong-2026"

    let unitsFile: URL
    /// Provinces taking in their communes at the same time.
    let concurrentProvinces: Int
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-country-\(UUID().uuidString)")

    /// The country from the official list, under a national root.
    static func topology(from file: URL) throws -> Topology {
        let text = try String(contentsOf: file, encoding: .utf8)
        var units = [ReportingUnit(code: national, name: "Việt Nam", kind: .national)]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { throw BenchmarkFailure("unexpected line in \(file.lastPathComponent): \(line)") }
            let (code, name, parent) = (try UnitCode(parsing: fields[0]), fields[1].nfc, fields[3])
            units.append(parent.isEmpty ? ReportingUnit(code: code, name: name, kind: .province, parentCode: national)
                                        : ReportingUnit(code: code, name: name, kind: .commune, parentCode: try UnitCode(parsing: parent)))
        }
        return try Topology(units: units)
    }

    /// Ten monthly regimes, each with its own form of 200 summed indicators in four sections.
    static func catalog() -> Catalog {
        var indicators: [Indicator] = []
        var forms: [Form] = []
        var regimeList: [Regime] = []
        for regime in 1...regimes {
            let codes = (1...indicatorsPerForm).map { String(format: "R%02dCT%03d", regime, $0) }
            indicators += codes.map {
                Indicator(code: $0, name: "Chỉ tiêu \($0)", unitOfMeasure: "người", valueType: .decimal, decimals: 1, aggregation: .sum)
            }
            let code = String(format: "BM%02d", regime)
            forms.append(Form(code: code, title: "Biểu \(regime)", sections: stride(from: 0, to: codes.count, by: 50).map {
                .init(code: "P\($0 / 50 + 1)", title: "Phần \($0 / 50 + 1)", rows: Array(codes[$0..<$0 + 50]))
            }))
            regimeList.append(Regime(code: try! RegimeCode(parsing: String(format: "CD%02d", regime)), name: "Chế độ báo cáo \(regime)", type: .periodic, frequency: .monthly,
                                  deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .province, day: 20)],
                                  reporters: ReporterSelection(kinds: [.commune, .province]), form: code))
        }
        return Catalog(indicators: indicators, forms: forms, regimes: regimeList)
    }

    /// One commune's report for a regime: 200 figures with one decimal.
    static func report(commune: UnitCode, regime: Int) throws -> Data {
        let seed = Int(commune.rawValue) ?? 0
        var values: [ValueKey: ReportValue] = [:]
        for index in 1...indicatorsPerForm {
            let tenths = (seed * 31 + regime * 7 + index * 13) % 100_000
            values[ValueKey(String(format: "R%02dCT%03d", regime, index))] = ReportValue(ExactDecimal(significand: Int128(tenths), scale: 1))
        }
        return try ReportDocument(regime: RegimeCode(parsing: String(format: "CD%02d", regime)), period: period, unit: commune, revision: 1,
                                  form: String(format: "BM%02d", regime), formVersion: 1, releaseVersion: nil, values: values,
                                  narrative: "", sectionApprovals: [], approvedBy: "lanhdao").encoded()
    }

    struct ProvinceResult {
        let code: UnitCode
        let communes: Int
        let takeIn: Double
        let node: CountryNode.Result
    }

    /// One monthly cycle as the benchmark ran it.
    struct Cycle {
        var results: [ProvinceResult]
        var national: CountryNode.Result
        /// From the first commune's request to the national node holding every province's reports.
        var seconds: Double
        /// This process's CPU over the cycle: the communes' side.
        var communesCPU: Double
        var communes: Int
        /// The province nodes' CPU over the cycle, all of them.
        var provinceCPU: Double { results.map(\.node.cpu).reduce(0, +) }
    }

    /// The country's cycle, then the largest province's alone — as its node runs on a server of
    /// its own, not beside another province on the same two cores.
    func run() async throws -> [BenchmarkRow] {
        do {
            let country = try Self.topology(from: unitsFile)
            let whole = try await cycle(of: country, in: directory.appendingPathComponent("country"), label: "country")
            let largest = whole.results.max { $0.communes < $1.communes }!
            let alone = try await cycle(of: try Self.topology(country, onlyProvince: largest.code),
                                        in: directory.appendingPathComponent("alone"), label: "largest province alone")
            try? FileManager.default.removeItem(at: directory)
            return rows(whole, alone: alone.results[0])
        } catch {
            print("country: failed; the nodes' folders and logs (node.log) are kept in \(directory.path)")
            throw error
        }
    }

    /// The national root, one province and its communes.
    static func topology(_ country: Topology, onlyProvince province: UnitCode) throws -> Topology {
        try Topology(units: country.units.filter { $0.code == national || $0.code == province || $0.parentCode == province })
    }

    func cycle(of topology: Topology, in directory: URL, label: String) async throws -> Cycle {
        let files = FileManager.default
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
        let now = Date()

        var clock = Date()
        let provinces = topology.units.filter { $0.kind == .province }
        let communesOf = Dictionary(grouping: topology.units.filter { $0.kind == .commune }, by: { $0.parentCode! })
        let pki = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: now.addingTimeInterval(-86_400))
        print("\(label): \(provinces.count) provinces, \(communesOf.values.map(\.count).reduce(0, +)) communes; PKI of \(pki.units.count) units in \(Self.seconds(since: clock))")

        // The province and national nodes, made as `baocao init` would make them.
        clock = Date()
        let catalog = Self.catalog()
        try pki.root.certificate.pem.write(to: directory.appendingPathComponent("root.pem"))
        try PKIFiles.encode(pki.registry).write(to: directory.appendingPathComponent("registry.json"))
        for unit in [Self.national] + provinces.map(\.code) {
            let folder = directory.appendingPathComponent(unit.rawValue)
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try NodeStore.open(at: folder.appendingPathComponent("baocao.sqlite").path)
            _ = try store.initialize(homeUnit: unit, topology: topology, catalog: catalog, at: now)
            _ = try AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
                .addUser(login: "lanhdao", displayName: "Lãnh đạo", roles: [.admin, .aggregator, .approver, .dataEntry], password: Self.password, by: nil, at: now)
            let identities = pki.units[unit]!
            try identities.node.certificate.pem.write(to: folder.appendingPathComponent("node.pem"))
            try identities.node.key.pem().write(to: folder.appendingPathComponent("node.key"))
            try identities.signing.certificate.pem.write(to: folder.appendingPathComponent("signing.pem"))
            try identities.signing.key.pem().write(to: folder.appendingPathComponent("signing.key"))
        }
        print("\(label): \(provinces.count + 1) nodes initialised in \(Self.seconds(since: clock))")

        // Every commune's month, signed by the commune, and the request its sync client sends.
        clock = Date()
        let communes = topology.units.filter { $0.kind == .commune }
        let signed = try Self.signAll(communes, pki: pki, at: now)
        let clients = try Self.clients(for: communes, pki: pki)
        print("\(label): \(communes.count * Self.regimes) report bundles signed by their communes, framed and deflated as their sync clients send them, "
              + "and their HTTP clients made, in \(Self.seconds(since: clock)) (before the cycle, not timed: each commune's own machine does it)")

        // The national node, then the provinces, each its own process.
        let nationalNode = try CountryNode.Process(folder: directory.appendingPathComponent(Self.national.rawValue), unit: Self.national, parentPort: nil,
                                                   expected: provinces.count * Self.regimes, root: directory)
        defer { nationalNode.stop() }
        var nodes: [UnitCode: CountryNode.Process] = [:]
        defer { nodes.values.forEach { $0.stop() } }
        for province in provinces {
            nodes[province.code] = try CountryNode.Process(folder: directory.appendingPathComponent(province.code.rawValue), unit: province.code,
                                                           parentPort: nationalNode.port, expected: (communesOf[province.code]?.count ?? 0) * Self.regimes,
                                                           root: directory)
        }

        // The cycle: the largest provinces first, `concurrentProvinces` taking in at a time. A
        // province that has taken in its communes' reports goes on (accept, consolidate, sign,
        // send up) while the next one takes in: each province's node works on its own.
        let order = provinces.sorted { (communesOf[$0.code]?.count ?? 0) > (communesOf[$1.code]?.count ?? 0) }.map(\.code)
        let start = Date()
        let benchmarkCPU = CountryNode.cpuSeconds()
        var results: [ProvinceResult] = []
        enum Step: Sendable {
            case tookIn(UnitCode, communes: Int, seconds: Double)
            case finished(ProvinceResult)
        }
        try await withThrowingTaskGroup(of: Step.self) { group in
            var next = order.makeIterator()
            func launch() {
                guard let code = next.next() else { return }
                let node = nodes[code]!
                let members = communesOf[code] ?? []
                group.addTask {
                    let began = Date()
                    try await Self.sendMonth(of: members, to: node.port, bodies: signed, clients: clients)
                    return .tookIn(code, communes: members.count, seconds: Date().timeIntervalSince(began))
                }
            }
            for _ in 0..<concurrentProvinces { launch() }
            for try await step in group {
                switch step {
                case .tookIn(let code, let communes, let takeIn):
                    let node = nodes[code]!
                    try node.go()
                    group.addTask { .finished(ProvinceResult(code: code, communes: communes, takeIn: takeIn, node: try await node.result())) }
                    launch()
                case .finished(let result):
                    results.append(result)
                    print("  \(result.code) \(result.communes) communes: take-in \(Self.format(result.takeIn)) s, accept \(Self.format(result.node.accept)) s, "
                          + "consolidate and sign \(Self.format(result.node.consolidate)) s, send up \(Self.format(result.node.push)) s, peak RSS \(Self.format(result.node.peakRSS)) MB")
                }
            }
        }
        // Every province's push was answered, so the national node holds their reports.
        try nationalNode.go()
        let nationalResult = try await nationalNode.result()
        let total = Date().timeIntervalSince(start)
        let communesCPU = CountryNode.cpuSeconds() - benchmarkCPU
        for client in clients.values { try await client.shutdown() }

        // Nothing lost or counted twice: the national figures are the communes' own, summed.
        for regime in 1...Self.regimes {
            let key = String(format: "R%02dCT001", regime)
            let expected = try communes.reduce(ExactDecimal.zero) { sum, commune in
                try sum.adding(ReportDocument.decode(Self.report(commune: commune.code, regime: regime)).values[ValueKey(key)]!.number!)
            }
            guard let national = nationalResult.nationalTotals[key].flatMap({ try? ExactDecimal(canonical: $0) }), national == expected else {
                throw BenchmarkFailure("national \(key) is \(nationalResult.nationalTotals[key] ?? "missing"), the communes sent \(expected)")
            }
        }
        print("\(label): the national figures equal the sum of the communes' own (first indicator of each of the \(Self.regimes) regimes)")
        let slowest = results.max { $0.takeIn + $0.node.total < $1.takeIn + $1.node.total }!
        print("\(label): national node received \(nationalResult.received) consolidated reports; peak RSS \(Self.format(nationalResult.peakRSS)) MB")
        print("\(label): slowest province \(slowest.code) (\(slowest.communes) communes): take-in \(Self.format(slowest.takeIn)) s, whole cycle \(Self.format(slowest.takeIn + slowest.node.total)) s")
        // Where the time goes, steadier than wall time on a shared machine: the province
        // nodes' CPU, and the rest of the cycle's — the national node, and the communes' side,
        // which this process plays on the same cores (a TLS handshake with a client
        // certificate, a request and its answers per commune) though each commune has a
        // machine of its own.
        let provinceCPU = results.map(\.node.cpu).reduce(0, +)
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        let idle = total * cores - provinceCPU - nationalResult.cpu - communesCPU
        print("\(label): the cycle had \(Self.format(total * cores)) s of \(Int(cores)) cores: province nodes \(Self.format(provinceCPU)) s, "
              + "national node \(String(format: "%.2f", nationalResult.cpu)) s, the communes' side (this process) \(Self.format(communesCPU)) s, "
              + "idle \(Self.format(max(idle, 0))) s; the province nodes' share alone is \(Self.format(provinceCPU / cores)) s of \(Int(cores)) cores")
        return Cycle(results: results, national: nationalResult, seconds: total, communesCPU: communesCPU, communes: communes.count)
    }

    /// The table's rows: the country's, and the largest province's whole cycle alone.
    func rows(_ country: Cycle, alone: ProvinceResult) -> [BenchmarkRow] {
        let results = country.results
        let largest = results.max { $0.communes < $1.communes }!
        let peak = results.map(\.node.peakRSS).max() ?? 0
        print("country: province nodes' peak RSS \(Self.format(results.map(\.node.peakRSS).min() ?? 0))–\(Self.format(peak)) MB")
        print("country: the largest province \(largest.code) inside the country's cycle, beside another province on the same cores: "
              + "\(Self.format(largest.takeIn + largest.node.total)) s (take-in \(Self.format(largest.takeIn)) s)")
        let reports = Double(country.communes * Self.regimes)
        let provinceCPU = country.provinceCPU
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        let communes = country.communes
        let total = country.seconds
        return [
            BenchmarkRow(name: "largest province (\(largest.code), \(largest.communes) communes × \(Self.regimes) reports) take-in", figure: largest.takeIn, unit: "s",
                         reference: 10, referenceName: "issue 8 limit", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1),
            BenchmarkRow(name: "largest province (\(alone.code)) alone: take-in, accept, consolidate, sign, send up", figure: alone.takeIn + alone.node.total, unit: "s",
                         reference: 3, referenceName: "issue 22 goal", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1, goalWording: "< 3 s"),
            BenchmarkRow(name: "whole country: \(results.count) provinces, \(communes) communes, to the national node", figure: total, unit: "s",
                         reference: 30, referenceName: "issue 22 goal", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1, goalWording: "≤ 30 s"),
            BenchmarkRow(name: "province nodes' CPU per report (take-in to send up, user + system)", figure: provinceCPU / reports * 1000, unit: "ms",
                         reference: 30 * cores / reports * 1000, referenceName: "30 s of \(Int(cores)) cores ÷ reports", goalRatio: 0,
                         lowerIsBetter: true, goalMaximum: 1, goalWording: "(what ≤ 30 s needs)"),
            BenchmarkRow(name: "highest peak RSS of a province node", figure: peak, unit: "MB",
                         reference: 150, referenceName: "node limit (issue 6)", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1),
        ]
    }

    /// Each commune's 10 reports, signed with its own key, on every core; for each commune,
    /// the body its sync client posts: the bundles framed and deflated.
    static func signAll(_ communes: [ReportingUnit], pki: DevelopmentPKI, at now: Date) throws -> [UnitCode: Data] {
        let signed = Mutex<[UnitCode: Data]>([:])
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: communes.count) { index in
            let commune = communes[index]
            do {
                let writer = BundleWriter(identity: pki.units[commune.code]!.signing)
                let bundles = try (1...regimes).map { regime in
                    try writer.write(kind: .report, sender: commune.code, recipient: .unit(commune.parentCode!),
                                     parts: [.init(path: ReportDocument.partPath, data: report(commune: commune.code, regime: regime))],
                                     about: ["regime": String(format: "CD%02d", regime), "period": period.id, "unit": commune.code.rawValue, "revision": "1"],
                                     at: now).data
                }
                let body = Zlib.compress(BundleFraming.encode(bundles))
                signed.withLock { $0[commune.code] = body }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return signed.withLock { $0 }
    }

    /// Each commune's HTTP client, presenting its own node certificate, as its node keeps one
    /// from round to round (made before the cycle, shut down after it).
    static func clients(for communes: [ReportingUnit], pki: DevelopmentPKI) throws -> [UnitCode: HTTPClient] {
        let anchors = pki.root.certificate.pem
        var clients: [UnitCode: HTTPClient] = [:]
        for commune in communes {
            let identity = pki.units[commune.code]!.node
            let host = DevelopmentPKI.hostName(of: commune.parentCode!)
            clients[commune.code] = try SyncClient.makeHTTPClient(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(),
                                                                  anchorsPEM: anchors, resolving: [host: "127.0.0.1"])
        }
        return clients
    }

    /// What each commune's sync client does in its round: connect to its province over TLS
    /// with its own node certificate and POST its framed, deflated bundles; every bundle must
    /// come back accepted. The connection closes with the answer, as it would idle out
    /// before the commune's next round.
    static func sendMonth(of communes: [ReportingUnit], to port: Int, bodies: [UnitCode: Data], clients: [UnitCode: HTTPClient]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = communes.makeIterator()
            func launch() {
                guard let commune = next.next() else { return }
                group.addTask {
                    let host = DevelopmentPKI.hostName(of: commune.parentCode!)
                    var request = HTTPClientRequest(url: "https://\(host):\(port)/sync/v1/bundles")
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: BundleFraming.mediaType)
                    request.headers.add(name: SyncField.clock.rawName, value: ClockSkew.stamp(Date()))
                    request.headers.add(name: "Content-Encoding", value: "deflate")
                    request.headers.add(name: "Connection", value: "close")
                    request.body = .bytes(ByteBuffer(bytes: bodies[commune.code]!))
                    let response = try await clients[commune.code]!.execute(request, timeout: .seconds(120))
                    let body = try await response.body.collect(upTo: 1 << 20)
                    let results = try BundleAnswer.decoder.decode(BatchAnswer.self, from: Data(body.readableBytesView)).results
                    guard response.status == .ok, results.count == regimes, results.allSatisfy({ $0.outcome == .accepted }) else {
                        throw BenchmarkFailure("\(commune.code): \(response.status) \(results.map { $0.reason ?? "\($0.outcome)" })")
                    }
                }
            }
            // Communes send independently; a province sees a handful at once.
            for _ in 0..<8 { launch() }
            for try await _ in group { launch() }
        }
    }

    static func seconds(since start: Date) -> String { format(Date().timeIntervalSince(start)) + " s" }
    static func format(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.1f", value) }
}
