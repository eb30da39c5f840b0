import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import BaoCaoSync
import BaoCaoTesting
import Foundation
import GRDB
import NIOCore
import NIOHTTP1
import Testing

/// What a thief with one commune's laptop can make: bundles signed with that commune's own
/// registered signing key (or its node TLS key), claiming any sender, kind and parts. The
/// attacker's crafting tool, written here with the same library a node uses.
struct Forger {
    let signing: SigningIdentity
    let node: SigningIdentity

    func bundle(_ kind: BundleKind, claiming sender: UnitCode, to recipient: BundleRecipient, parts: [BundleWriter.Part],
                about: [String: String] = [:], signedWithNodeKey: Bool = false) throws -> (id: String, data: Data) {
        try BundleWriter(identity: signedWithNodeKey ? node : signing).write(kind: kind, sender: sender, recipient: recipient, parts: parts,
                                                                               about: about, at: Date())
    }

    /// 2 MiB of junk: what a flood would carry to every unit.
    static let junk = BundleWriter.Part(path: "junk.bin", data: Data(repeating: 0x5A, count: 2 << 20), mediaType: "application/octet-stream")
}

/// Each attack a stolen commune key makes possible, tried over HTTPS (the commune's own
/// node certificate, mutual TLS, to its district) and over USB (at the district and at the
/// province), against real nodes on loopback: each is refused with the rule it broke, in
/// Vietnamese, and nothing of it is stored or relayed up or down.
@Suite("Adversary: a stolen commune key", .serialized)
struct AdversaryTests {
    /// Hòa Bình: a district with two communes — the thief's (Nhân Nghĩa) and its sibling (Quý Hòa).
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05269", name: "Xã Quý Hòa", kind: .commune, parentCode: "157"),
    ])
    /// One monthly regime, reported by the communes to their district.
    static let catalog = Catalog(
        indicators: [Indicator(code: "NN01", name: "Diện tích lúa", unitOfMeasure: "ha", valueType: .decimal, decimals: 1)],
        forms: [Form(code: "F1", title: "Biểu", sections: [.init(code: "A", title: "A", rows: ["NN01"])])],
        regimes: [Regime(code: "R1", name: "Tháng", type: .periodic, frequency: .monthly, deadlines: [DeadlineRule(senderKind: .commune, day: 16)],
                         reporters: ReporterSelection(kinds: [.commune]), form: "F1")])
    static let thief: UnitCode = "05290"
    static let victim: UnitCode = "05269"

    /// A network with the province's first release everywhere.
    static func network() async throws -> (LoopbackNetwork, release: Data) {
        let network = try await LoopbackNetwork(topology: topology)
        let (release, _) = try network.publishRelease(1, after: nil, catalog: catalog)
        #expect(try await network.client("157").round().pulled == 1)
        for commune in [thief, victim] { #expect(try await network.client(commune).round().pulled == 1) }
        return (network, release)
    }

    static func forger(_ network: LoopbackNetwork) -> Forger {
        Forger(signing: network.pki.units[thief]!.signing, node: network.pki.units[thief]!.node)
    }

    /// Offers bundles to the district over HTTPS with the thief's own node certificate, as
    /// its sync client would, and returns the district's answers.
    static func push(_ bundles: [Data], in network: LoopbackNetwork) async throws -> [BundleAnswer] {
        let client = try network.client(thief)
        var request = HTTPClientRequest(url: client.parentURL + "/sync/v1/bundles")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: BundleFraming.mediaType)
        request.body = .bytes(ByteBuffer(bytes: BundleFraming.encode(bundles)))
        let response = try await client.http.execute(request, timeout: .seconds(60))
        #expect(response.status == .ok)
        let body = try await response.body.collect(upTo: 1 << 20)
        return try BundleAnswer.decoder.decode(BatchAnswer.self, from: Data(body.readableBytesView)).results
    }

    /// What a node holds and has queued, to show an attack left no trace.
    static func footprint(of unit: UnitCode, in network: LoopbackNetwork) throws -> [String] {
        let store = network.nodes[unit]!.runtime.store
        return try [store.summary().bundles.description]
            + store.pendingDeliveries(direction: .up).map { "up \($0.bundleId)" }
            + store.pendingDeliveries(direction: .down).map { "down \($0.destination) \($0.bundleId)" }
    }

    /// Each attack refused at the district over HTTPS and USB, and at the province over USB,
    /// with the code expected at each; nothing stored, nothing queued.
    static func expectRefusedEverywhere(_ attacks: [(name: String, data: Data, https: String, usb: String, province: String)],
                                        in network: LoopbackNetwork) async throws {
        let before = try ["157", "17"].map { try footprint(of: $0, in: network) }
        let answers = try await push(attacks.map(\.data), in: network)
        for (attack, answer) in zip(attacks, answers) {
            #expect(answer.outcome == .rejected && answer.code == attack.https, "\(attack.name) over HTTPS: \(answer)")
            #expect(answer.reason?.contains(where: { !$0.isASCII }) == true, "\(attack.name): a Vietnamese reason, got \(answer.reason ?? "none")")
        }
        for attack in attacks {
            for (unit, expected) in [(UnitCode("157"), attack.usb), (UnitCode("17"), attack.province)] {
                let outcome = try network.nodes[unit]!.runtime.ingest(attack.data, from: .carrier, now: Date())
                guard case .rejected(let error) = outcome else { Issue.record("\(attack.name) by USB at \(unit): \(outcome)"); continue }
                #expect(error.code.rawValue == expected, "\(attack.name) by USB at \(unit): \(error.code) \(error.message)")
            }
        }
        // Nothing reached the province, nor went down to the communes.
        _ = try await network.client("157").round()
        #expect(try ["157", "17"].map { try footprint(of: $0, in: network) } == before)
        for attack in attacks {
            for unit in [UnitCode("17"), "157", victim] {
                #expect(try !network.nodes[unit]!.runtime.store.holdsBundle(id: SHA256Digest.hex(of: BundleArchive(reading: attack.data)
                    .contents(of: Manifest.fileName)!)), "\(attack.name) held at \(unit)")
            }
        }
    }

    /// The province's release in force, wrapped again by the thief — with a junk part, or
    /// alone, signed with its signing key or its node key, claiming the province as sender.
    @Test func rewrappedProvinceRelease_isRefused_neverDuplicate() async throws {
        let (network, release) = try await Self.network()
        defer { Task { await network.stop() } }
        let forger = Self.forger(network)
        let content = try #require(try BundleArchive(reading: release).contents(of: ReleaseContent.fileName))
        let releasePart = BundleWriter.Part(path: ReleaseContent.fileName, data: content)
        let withJunk = try forger.bundle(.release, claiming: "17", to: .everyone, parts: [releasePart, Forger.junk])
        let alone = try forger.bundle(.release, claiming: "17", to: .everyone, parts: [releasePart])
        let nodeKey = try forger.bundle(.release, claiming: "17", to: .everyone, parts: [releasePart], signedWithNodeKey: true)
        try await Self.expectRefusedEverywhere([
            ("release with a junk part", withJunk.data, "partNotAllowed", "partNotAllowed", "partNotAllowed"),
            ("release wrapped again", alone.data, "callerNotAllowed", "unauthorizedPublisher", "unauthorizedPublisher"),
            ("release signed with the node key", nodeKey.data, "callerNotAllowed", "unauthorizedPublisher", "unauthorizedPublisher"),
        ], in: network)
        await network.stop()
    }

    /// A notice for every unit, or for a sibling, from a commune: nobody would see it, and
    /// everybody would store it.
    @Test func noticeFloodFromACommune_isRefused() async throws {
        let (network, _) = try await Self.network()
        defer { Task { await network.stop() } }
        let forger = Self.forger(network)
        let text = BundleWriter.Part(path: "notice.json", data: Data(#"{"text":"Khẩn"}"#.utf8))
        let toEveryone = try forger.bundle(.notice, claiming: Self.thief, to: .everyone, parts: [text, Forger.junk])
        let toSibling = try forger.bundle(.notice, claiming: Self.thief, to: .unit(Self.victim), parts: [text])
        let asTheProvince = try forger.bundle(.notice, claiming: "17", to: .everyone, parts: [text])
        try await Self.expectRefusedEverywhere([
            ("notice to every unit", toEveryone.data, "senderNotAllowed", "senderNotAllowed", "senderNotAllowed"),
            ("notice to a sibling", toSibling.data, "senderNotAllowed", "senderNotAllowed", "senderNotAllowed"),
            ("notice in the province's name", asTheProvince.data, "signerNotRegistered", "signerNotRegistered", "signerNotRegistered"),
        ], in: network)
        await network.stop()
    }

    /// A decision returning the sibling's report, which the thief knows only by its bundle
    /// id: in its own name, or in the district's.
    @Test func siblingForgesADecision_isRefused_andTheReportStandsUntouched() async throws {
        let (network, _) = try await Self.network()
        defer { Task { await network.stop() } }
        let victimWriter = BundleWriter(identity: network.pki.units[Self.victim]!.signing)
        let (reportID, report) = try SampleReport.write(victimWriter, unit: Self.victim, to: "157", regime: "R1")
        #expect(try network.nodes[Self.victim]!.runtime.ingest(report, from: .thisNode, now: Date()) == .accepted)
        #expect(try await network.client(Self.victim).round().pushed == 1)
        #expect(try await network.client("157").round().pushed == 1)   // the archive copy, up to the province
        let period = try Period.month(11, year: 2026)
        func atDistrict() throws -> ReportRecord? {
            try network.nodes["157"]!.runtime.store.writer.read { db in
                try NodeStore.revisions(regime: "R1", period: period, unit: Self.victim, in: db).first { $0.bundleId == reportID }
            }
        }
        let received = try #require(try atDistrict())

        let decision = ReportDecision(regime: "R1", period: period, unit: Self.victim, revision: 1, reportBundle: reportID,
                                      outcome: .returned, reason: "Số liệu sai, làm lại", decidedBy: "lanhdao", decidedAt: Date())
        let part = BundleWriter.Part(path: ReportDecision.partPath, data: try decision.encoded())
        let about = ["regime": "R1", "period": period.id, "unit": Self.victim.rawValue, "revision": "1", "decision": "returned"]
        let ownName = try Self.forger(network).bundle(.decision, claiming: Self.thief, to: .unit(Self.victim), parts: [part], about: about)
        let districtName = try Self.forger(network).bundle(.decision, claiming: "157", to: .unit(Self.victim), parts: [part], about: about)
        try await Self.expectRefusedEverywhere([
            ("decision in its own name", ownName.data, "senderNotAllowed", "senderNotAllowed", "senderNotAllowed"),
            ("decision in the district's name", districtName.data, "signerNotRegistered", "signerNotRegistered", "signerNotRegistered"),
        ], in: network)
        // The victim's report stands as it was received, and its node hears of no decision.
        let after = try #require(try atDistrict())
        #expect(after.state == received.state && after.decisionBundleId == nil)
        #expect(try await network.client(Self.victim).round().pulled == 0)   // no decision came down (its receipt came with its push)
        await network.stop()
    }

    /// Over HTTPS a child hands up only what it or a unit below it sent: a genuine bundle
    /// of another unit — the province's own release — is refused from the commune, and not
    /// answered `duplicate`.
    @Test func childHandsUpAnotherUnitsGenuineBundle_isRefused() async throws {
        let (network, release) = try await Self.network()
        defer { Task { await network.stop() } }
        let answers = try await Self.push([release], in: network)
        #expect(answers.map(\.outcome) == [.rejected])
        #expect(answers.first?.code == "callerNotAllowed")
        #expect(answers.first?.reason == "Nút của đơn vị 05290 không được chuyển lên gói tin do đơn vị 17 gửi: "
                + "nút cấp dưới chỉ chuyển gói tin của chính nó hoặc của đơn vị thuộc nó.")
        await network.stop()
    }

    /// The sync client accepts its parent only under the parent's own host name, and only
    /// presenting a node certificate the release registers for the parent unit: a sibling
    /// node (a certificate under the same root) answering at the district's address is
    /// refused before anything is sent, and the report waiting to go up stays waiting.
    @Test func siblingPosingAsTheParent_isRefused() async throws {
        let (network, _) = try await Self.network()
        defer { Task { await network.stop() } }
        let (id, report) = try SampleReport.write(BundleWriter(identity: network.pki.units[Self.thief]!.signing), unit: Self.thief, to: "157")
        #expect(try network.nodes[Self.thief]!.runtime.ingest(report, from: .thisNode, now: Date()) == .accepted)
        let identity = network.pki.units[Self.thief]!.node
        let pin = try ParentPin(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(),
                                resolving: [DevelopmentPKI.hostName(of: "157"): "127.0.0.1"])
        // The commune's client, pointed at the sibling's sync server under the district's name.
        var impostor = try network.client(Self.thief, throughPort: network.nodes[Self.victim]!.port)
        impostor.parentPin = pin
        let refused = await #expect(throws: SyncError.self) { _ = try await impostor.round() }
        let sibling = network.pki.units[Self.victim]!.node.certificate.fingerprint
        #expect(refused?.description.hasPrefix("Máy chủ tại địa chỉ nút cấp trên không dùng chứng thư đã đăng ký của đơn vị 157 "
                                                + "(dấu vân tay \(sibling.prefix(16))…)") == true, "\(refused.map(String.init(describing:)) ?? "")")
        // Without the pin, the host name alone keeps it out: the sibling's certificate names another host.
        let unpinned = try network.client(Self.thief, throughPort: network.nodes[Self.victim]!.port)
        await #expect(throws: (any Error).self) { _ = try await unpinned.round() }
        #expect(try !network.nodes[Self.victim]!.runtime.store.holdsBundle(id: id))
        #expect(try network.nodes[Self.thief]!.runtime.store.pendingDeliveries(direction: .up).map(\.bundleId) == [id])
        // The real district, under its name and with its registered certificate, takes it.
        var genuine = try network.client(Self.thief)
        genuine.parentPin = pin
        #expect(try await genuine.round().pushed == 1)
        await network.stop()
    }
}
