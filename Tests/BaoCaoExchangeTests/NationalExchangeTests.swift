import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation
import Hummingbird
import Logging
import NIOCore
import Testing

/// A commune node with a sample regime whose catalog has sectors, a dimension and an
/// outline, a draft with figures and a narrative, and a signing identity from the
/// development PKI.
final class NationalFixture: @unchecked Sendable {
    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN02", name: "Diện tích lúa thu hoạch", sector: "Nông nghiệp", unitOfMeasure: "ha", valueType: .decimal, decimals: 1),
            Indicator(code: "NN03", name: "Sản lượng lúa", sector: "Nông nghiệp", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1),
            Indicator(code: "DS01", name: "Dân số trung bình", sector: "Dân số", unitOfMeasure: "người", valueType: .integer, dimensions: ["GT"]),
            Indicator(code: "GC01", name: "Ghi chú tình hình", unitOfMeasure: "", valueType: .text),
        ],
        dimensions: [Dimension(code: "GT", name: "Giới tính", members: [.init(code: "NAM", name: "Nam"), .init(code: "NU", name: "Nữ")])],
        forms: [Form(code: "KTXH", title: "Báo cáo kinh tế – xã hội", sections: [
            .init(code: "NN", title: "Nông nghiệp", rows: ["NN02", "NN03"]),
            .init(code: "DS", title: "Dân số", rows: ["DS01", "GC01"]),
        ], outline: [.init(title: "Tình hình chung", guidance: "Nêu kết quả nổi bật"), .init(title: "Kiến nghị")])],
        regimes: [Regime(code: "KTXH-THANG", name: "Báo cáo tình hình kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16)],
                         reporters: ReporterSelection(kinds: [.commune]), form: "KTXH", legalBasis: "Nghị định 09/2019/NĐ-CP")])
    static let password = "mat-khau-thu-nghiem"
    static let home: UnitCode = "04801"

    let directory: URL
    let store: NodeStore
    let work: NodeWork
    let clerk: StaffMember
    let pki: DevelopmentPKI
    var identity: SigningIdentity { pki.units[Self.home]!.signing }
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-national-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        _ = try store.initialize(homeUnit: Self.home, topology: ExchangeFixture.topology, catalog: Self.catalog, at: Date())
        pki = try DevelopmentPKI.make(topology: ExchangeFixture.topology, unitCodes: ["17", Self.home], keyKind: .ecP256, now: Date())
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: Self.home, bootstrap: nil,
                                  clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals)
        work = NodeWork(runtime: runtime, identity: pki.units[Self.home]!.signing)
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: Self.password, by: nil, at: Date())
        let adminActor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
        let account = try accounts.addUser(login: "nhaplieu", displayName: "Chị Hoa", roles: [.dataEntry, .viewer], password: Self.password,
                                           by: adminActor, at: Date())
        clerk = StaffMember(userId: account.id, login: account.login, displayName: account.displayName, roles: account.roles)
        let reports = ReportService(work: work)
        let draft = try reports.create(regime: "KTXH-THANG", period: "2026-11", by: clerk, at: Date())
        _ = try reports.setValues(report: draft.id!, [("NN02", "1.245,5"), ("NN03", "6.100,25"), ("DS01[GT=NAM]", "1.020"),
                                                      ("DS01[GT=NU]", "1.043"), ("GC01", "Mưa nhiều")], by: clerk, at: Date())
        try reports.setNarrative(report: draft.id!, "Tình hình chung: sản xuất ổn định.\nKiến nghị: hỗ trợ giống lúa.", by: clerk, at: Date())
    }

    func builder() -> NationalPacketBuilder {
        NationalPacketBuilder(work: work, actor: clerk, now: now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

/// A loopback receiver: answers each POST with the next scripted status (200 once the
/// script is used up) and keeps what it was sent.
actor NationalReceiver {
    private(set) var received: [Data] = []
    private(set) var authorizations: [String?] = []
    private var script: [Int]

    init(script: [Int] = []) { self.script = script }

    func take(_ body: Data, authorization: String?) -> Int {
        let status = script.isEmpty ? 200 : script.removeFirst()
        if (200..<300).contains(status) { received.append(body) }
        authorizations.append(authorization)
        return status
    }

    func answer(_ statuses: [Int]) { script = statuses }

    /// Runs the receiver on 127.0.0.1 for the duration of `body`.
    static func serving<T: Sendable>(_ receiver: NationalReceiver, _ body: (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/qcvn125/goi-tin") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 16 << 20)
            let status = await receiver.take(Data(buffer.readableBytesView), authorization: request.headers[.authorization])
            return Response(status: HTTPResponse.Status(code: status))
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                              logger: Logger(label: "national-receiver"))
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        var port = 0
        for await value in stream { port = value; break }
        return try await body("http://127.0.0.1:\(port)/qcvn125/goi-tin")
    }
}

@Suite("National exchange: QCVN 125 packets, signed copies, retries", .serialized)
struct NationalExchangeTests {
    let fixture: NationalFixture

    init() throws { fixture = try NationalFixture() }

    func client(_ url: String, token: String? = "bi-mat", attempts: Int = 4, timeout: Int64 = 10) -> NationalExchangeClient {
        NationalExchangeClient(endpoint: NationalEndpoint(url: url, bearerToken: token, maxAttempts: attempts, initialBackoff: .milliseconds(5),
                                                          maxBackoff: .milliseconds(20), timeoutSeconds: timeout),
                               identity: fixture.identity, dataDirectory: fixture.directory)
    }

    /// Each kind as a typed packet, and a check that bytes decode back to it.
    typealias Built = (document: NationalPacketDocument, decodesEqual: @Sendable (Data) throws -> Bool)

    func built<Body>(_ packet: NationalPacket<Body>) throws -> Built {
        (try NationalPacketDocument(packet), { try NationalPacketCoding.decode(NationalPacket<Body>.self, from: $0) == packet })
    }

    func everyKind() throws -> [NationalPacketKind: Built] {
        let b = fixture.builder()
        return [
            .regime: try built(b.regime("KTXH-THANG")),
            .form: try built(b.form(regime: "KTXH-THANG")),
            .formOutline: try built(b.formOutline(regime: "KTXH-THANG")),
            .periodList: try built(b.periodList(regime: "KTXH-THANG", year: 2026)),
            .indicatorList: try built(b.indicatorList()),
            .indicatorSet: try built(b.indicatorSets()),
            .indicatorGroup: try built(b.indicatorGroups()),
            .indicatorDimension: try built(b.dimensions()),
            .reportData: try built(b.reportData(regime: "KTXH-THANG", period: "2026-11")),
            .reportDataList: try built(b.reportDataList(regime: "KTXH-THANG", period: "2026-11")),
            .outlineSubmission: try built(b.outlineSubmission(regime: "KTXH-THANG", period: "2026-11")),
            .reportStatus: try built(b.reportStatus(regime: "KTXH-THANG", period: "2026-11")),
            .indicatorData: try built(b.indicatorData(regime: "KTXH-THANG", period: "2026-11")),
        ]
    }

    /// Should make all thirteen packets, each with its header, exact figures as strings and sorted keys.
    @Test func everyPacketKind_isBuilt_forTheSampleRegime() throws {
        let packets = try everyKind()
        #expect(Set(packets.keys) == Set(NationalPacketKind.allCases))
        for (kind, packet) in packets {
            let header = try NationalPacketCoding.header(of: packet.document.bytes)
            #expect(header.kind == kind)
            #expect(header.senderCode == "04801" && header.senderName == "Xã Một")
            #expect(header.schemaVersion == NationalPacketMapping.schemaVersion)
            #expect(header.createdAt == fixture.now)
            #expect(try packet.decodesEqual(packet.document.bytes))
        }
        let text = { (kind: NationalPacketKind) in String(decoding: packets[kind]!.document.bytes, as: UTF8.self) }
        #expect(text(.reportData).contains(#""GiaTri" : "6100.25""#))
        #expect(text(.reportData).contains(#""KhoaSoLieu" : "DS01[GT=NAM]""#))
        #expect(text(.reportData).contains(#""ThoiGianTao" : "2026-11-18T"#))
        #expect(!text(.reportData).contains("6100.25,"))  // never a JSON number
        #expect(text(.regime).contains("Báo cáo tình hình kinh tế – xã hội tháng"))
        #expect(text(.outlineSubmission).contains("hỗ trợ giống lúa"))
        #expect(text(.formOutline).contains("Kiến nghị"))
        #expect(text(.periodList).contains(#""MaKy" : "2026-12""#))
        #expect(text(.indicatorGroup).contains("LV:Dân số"))
        #expect(text(.indicatorDimension).contains(#""MaPhanTo" : "GT""#))
        #expect(text(.reportDataList).contains(#""MaDonVi" : "04801""#))
        #expect(text(.indicatorData).contains(#""MaChiTieu" : "NN03""#))

        // The same packet always has the same bytes; allDocuments covers every kind.
        let ids = LockedIds()
        let pinned = NationalPacketBuilder(store: fixture.store, home: "04801", actor: fixture.clerk, now: fixture.now, makeId: { ids.next() })
        ids.reset()
        let first = try pinned.allDocuments(regime: "KTXH-THANG", period: "2026-11")
        ids.reset()
        let second = try pinned.allDocuments(regime: "KTXH-THANG", period: "2026-11")
        #expect(first.map(\.kind) == NationalPacketKind.allCases)
        #expect(first == second)
    }

    /// Should deliver every packet to a loopback receiver, which decodes them equal to what was built.
    @Test func push_deliversEveryKind_andTheReceiverDecodesThemEqual() async throws {
        let packets = try everyKind()
        let receiver = NationalReceiver()
        try await NationalReceiver.serving(receiver) { url in
            let client = client(url)
            for kind in NationalPacketKind.allCases {
                let receipt = try await client.push(packets[kind]!.document)
                #expect(receipt.status == .delivered && receipt.responseStatus == 200 && receipt.attempts == 1)
            }
        }
        let received = await receiver.received
        #expect(received.count == 13)
        for (kind, body) in zip(NationalPacketKind.allCases, received) {
            #expect(body == packets[kind]!.document.bytes)
            #expect(try packets[kind]!.decodesEqual(body), "\(kind)")
        }
        #expect(await receiver.authorizations == Array(repeating: "Bearer bi-mat", count: 13))
        #expect(try NationalArchive(dataDirectory: fixture.directory).pending().isEmpty)
    }

    /// Should retry after two 503s, deliver on the third attempt, and file the signed copy under sent/<date>/.
    @Test func push_whenReceiverAnswers503Twice_isDeliveredAfterRetries() async throws {
        let document = try fixture.builder().document(.reportData, regime: "KTXH-THANG", period: "2026-11")
        let receiver = NationalReceiver(script: [503, 503])
        let receipt = try await NationalReceiver.serving(receiver) { url in try await client(url).push(document) }
        #expect(receipt.status == .delivered)
        #expect(receipt.attempts == 3)
        #expect(receipt.responseStatus == 200)
        #expect(await receiver.received == [document.bytes])
        let archive = NationalArchive(dataDirectory: fixture.directory)
        let sent = archive.sent(document.packetId, answeredAt: receipt.respondedAt!)
        #expect(try Data(contentsOf: sent.document) == document.bytes)
        #expect(try archive.receipt(of: sent) == receipt)
        #expect(try archive.pending().isEmpty)
    }

    /// Should stop at a 400 with a clear Vietnamese error, keep the signed packet pending, and send it later.
    @Test func push_whenReceiverAnswers400_failsClearly_andKeepsThePacketPending() async throws {
        let document = try fixture.builder().document(.reportStatus, regime: "KTXH-THANG", period: "2026-11")
        let receiver = NationalReceiver(script: [400])
        try await NationalReceiver.serving(receiver) { url in
            let error = await #expect(throws: NationalExchangeError.self) { try await client(url).push(document) }
            #expect(error?.code == .deliveryFailed)
            #expect(error?.message.contains("từ chối gói tin trạng thái báo cáo") == true)
            #expect(error?.message.contains("HTTP 400") == true)
            #expect(error?.message.contains("bi-mat") == false)
            let pending = try NationalArchive(dataDirectory: fixture.directory).pending()
            #expect(pending.count == 1)
            #expect(pending.first?.receipt.status == .pending)
            #expect(pending.first?.receipt.attempts == 1)  // a 4xx is not retried
            #expect(pending.first?.receipt.responseStatus == 400)
            #expect(try Data(contentsOf: pending[0].entry.document) == document.bytes)

            // Retried later: the very bytes first signed go, and the copy moves to sent/.
            let receipts = try await client(url).pushPending()
            #expect(receipts.map(\.status) == [.delivered])
            #expect(receipts.first?.attempts == 2)
        }
        #expect(await receiver.received == [document.bytes])
        #expect(try NationalArchive(dataDirectory: fixture.directory).pending().isEmpty)
    }

    /// Should keep the packet pending when nothing listens, after every attempt.
    @Test func push_whenNothingListens_retriesThenKeepsThePacketPending() async throws {
        let document = try fixture.builder().document(.indicatorList)
        let error = await #expect(throws: NationalExchangeError.self) {
            try await client("http://127.0.0.1:9/qcvn125/goi-tin", attempts: 3, timeout: 1).push(document)
        }
        #expect(error?.code == .deliveryFailed)
        #expect(error?.message.contains("sau 3 lần thử") == true)
        let pending = try NationalArchive(dataDirectory: fixture.directory).pending()
        #expect(pending.map(\.receipt.attempts) == [3])
        #expect(pending.first?.receipt.responseStatus == nil)
    }

    /// Should keep a copy whose detached CMS signature verifies, by the node's certificate, over exactly the bytes sent.
    @Test func signedCopy_verifies_andEqualsTheBytesSent() async throws {
        let document = try fixture.builder().document(.reportDataList, regime: "KTXH-THANG", period: "2026-11")
        let receiver = NationalReceiver()
        let receipt = try await NationalReceiver.serving(receiver) { url in try await client(url).push(document) }
        let archive = NationalArchive(dataDirectory: fixture.directory)
        let entry = archive.sent(document.packetId, answeredAt: receipt.respondedAt!)
        let kept = try Data(contentsOf: entry.document)
        #expect(await receiver.received == [kept])
        #expect(receipt.sha256 == SHA256Digest.hex(of: kept))
        let signature = try DetachedSignature(der: Data(contentsOf: entry.signature))
        #expect(try signature.verify(content: kept).fingerprint == fixture.identity.certificate.fingerprint)
        let changed = #expect(throws: BundleError.self) { try signature.verify(content: kept + Data(" ".utf8)) }
        #expect(changed?.code == .signatureInvalid)

        // Plain OpenSSL agrees, with the development CA as the trust anchor.
        let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
        try #require(FileManager.default.isExecutableFile(atPath: openssl.path), "openssl is missing: install it (apt-get install openssl)")
        let ca = fixture.directory.appendingPathComponent("root.pem")
        try fixture.pki.root.certificate.pem.write(to: ca)
        let process = Process()
        process.executableURL = openssl
        process.arguments = ["cms", "-verify", "-binary", "-inform", "DER", "-in", entry.signature.path, "-content", entry.document.path,
                             "-CAfile", ca.path, "-purpose", "any", "-out", "/dev/null"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// Deterministic packet ids for the same-bytes check.
final class LockedIds: @unchecked Sendable {
    private let lock = NSLock()
    private var counter = 0

    func reset() { lock.withLock { counter = 0 } }

    func next() -> UUID {
        lock.withLock {
            counter += 1
            return UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", counter))!
        }
    }
}

extension NationalExchangeClient {
    /// Pushes a packet as `baocao national push` does: the bytes the exchange format wrote.
    func push(_ document: NationalPacketDocument) async throws -> NationalReceipt {
        try await push(document.bytes, packetId: document.packetId, kind: document.kind)
    }
}
