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
import Testing

/// Real nodes on loopback — by default the province, a district and two of its communes —
/// each with its own database and sync server over mutual TLS, driven through the services.
/// Each node has its unit's signing and encryption identities; the province's first
/// release lists every unit's encryption certificate.
final class LifecycleNetwork: @unchecked Sendable {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
        ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05266", name: "Thị trấn Vụ Bản", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05269", name: "Xã Quý Hòa", kind: .commune, parentCode: "157"),
    ])

    /// Two sections: A (rice area, money) and B (the ratio's parts).
    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN01", name: "Diện tích lúa", unitOfMeasure: "ha", valueType: .decimal, decimals: 1),
            Indicator(code: "TC01", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 3),
        ] + ["HT01", "HT02", "HT03", "HT04"].map { Indicator(code: $0, name: $0, unitOfMeasure: "lượt", valueType: .integer) },
        forms: [Form(code: "F1", title: "Biểu tháng", sections: [
            .init(code: "A", title: "Nông nghiệp", rows: ["NN01"]),
            .init(code: "B", title: "Tài chính", rows: ["TC01"]),
        ]), Form(code: "HT", title: "Sử dụng", sections: [.init(code: "HT", title: "Sử dụng", rows: ["HT01", "HT02", "HT03", "HT04"])])],
        regimes: [Regime(code: "R1", name: "Báo cáo tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .district, day: 18)],
                         reporters: ReporterSelection(kinds: [.commune, .district]), form: "F1"),
                  Regime(code: UsageReportService.regimeCode, name: "Sử dụng hệ thống", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 20)], reporters: ReporterSelection(kinds: [.commune]), form: "HT")])

    struct Node {
        let work: NodeWork
        let port: Int
        let server: Task<Void, any Error>
    }

    let pki: DevelopmentPKI
    let topology: Topology
    let directory: URL
    var nodes: [UnitCode: Node] = [:]
    var clients: [HTTPClient] = []
    let policy = SecurityPolicy(bcryptCost: 4)
    let password = "mật-khẩu-đủ-dài-2026"

    /// With `personalSignaturesRequiredFrom`, the development PKI has a persons' CA and each
    /// unit's leader (`lanhdao`) and aggregator (`tonghop`), and the release registers them
    /// and requires their signatures from that instant.
    /// `topology` and `personnel` (the personnel catalog, naming the Sở Nội vụ) replace the
    /// defaults in the first release.
    init(personalSignaturesRequiredFrom: Date? = nil, topology: Topology = LifecycleNetwork.topology, personnel: PersonnelCatalog? = nil) async throws {
        self.topology = topology
        pki = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date().addingTimeInterval(-3600),
                                      persons: personalSignaturesRequiredFrom != nil)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-lifecycle-\(UUID().uuidString)")
        for unit in topology.units.map(\.code) { try await start(unit) }
        // The province publishes the catalog; everyone pulls it down.
        var trust = TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                              signers: pki.registry.signers, nodes: pki.registry.nodes, encryption: pki.registry.encryption)
        if let from = personalSignaturesRequiredFrom, let personRoot = pki.personRoot {
            trust.personAnchors = [String(decoding: personRoot.certificate.pem, as: UTF8.self)]
            trust.persons = pki.persons.flatMap { unit, people in
                people.map { RegisteredPerson(name: $0.identity.certificate.commonName!, title: $0.title, unit: unit, roles: [$0.role],
                                              certificates: [$0.identity.certificate.fingerprint]) }
            }
            trust.personalSignaturesRequiredFrom = from
        }
        let content = ReleaseContent(
            publisher: "17", version: 1, previousHash: nil, publishedAt: Date(), expiresAt: Date() + 86_400 * 30,
            topology: topology.units, catalog: Self.catalog, trust: trust, personnel: personnel)
        let (_, data, _) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: Date())
        guard try nodes["17"]!.work.runtime.ingest(data, from: .thisNode, now: Date()) == .accepted else { throw TestFailure("release refused") }
        // Parents before children: each pulls the release its parent holds.
        for unit in topology.units where unit.parentCode != nil { try await sync(unit.code) }
    }

    private func start(_ unit: UnitCode) async throws {
        let path = directory.appendingPathComponent(unit.rawValue).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let store = try NodeStore.open(at: path + "/baocao.sqlite")
        _ = try store.initialize(homeUnit: unit, topology: topology, catalog: Catalog(), at: Date())
        let signing = pki.units[unit]!.signing
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: path), home: unit,
                                  bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry),
                                  clockTolerance: 86_400, signer: signing, arrivalRecorder: AuditLog.arrivals,
                                  encryption: pki.units[unit]!.encryption)
        let identity = pki.units[unit]!.node
        let tls = try SyncServer.tlsConfiguration(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(),
                                                  anchorsPEM: pki.root.certificate.pem)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try SyncServer.application(runtime: runtime, tls: tls, host: "127.0.0.1", port: 0, logger: logger) { continuation.yield($0) }
        let server = Task { try await app.runService() }
        var port = 0
        for await value in stream { port = value; break }
        nodes[unit] = Node(work: NodeWork(runtime: runtime, identity: signing), port: port, server: server)
    }

    /// One sync round of `unit` with its parent: push what waits, pull the feed.
    @discardableResult
    func sync(_ unit: UnitCode) async throws -> SyncClient.Round {
        let parent = topology.unit(code: unit)!.parentCode!
        let identity = pki.units[unit]!.node
        let host = DevelopmentPKI.hostName(of: parent)
        let http = try SyncClient.makeHTTPClient(certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(),
                                                 anchorsPEM: pki.root.certificate.pem, resolving: [host: "127.0.0.1"])
        clients.append(http)
        return try await SyncClient(runtime: nodes[unit]!.work.runtime, parentURL: "https://\(host):\(nodes[parent]!.port)",
                                    parentUnit: parent, http: http).round()
    }

    /// Adds an account at `unit` (the first one becomes the admin) and signs it in.
    func person(_ login: String, at unit: UnitCode, roles: Set<Role>) throws -> StaffMember {
        let accounts = AccountService(store: nodes[unit]!.work.store, policy: policy)
        if try !accounts.hasUsers() {
            try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: password, by: nil, at: Date())
        }
        let admin = try accounts.authenticate(login: "quantri", password: password, at: Date())
        try accounts.addUser(login: login, displayName: login, roles: roles, password: password, by: admin, at: Date())
        return try signIn(login, at: unit)
    }

    func signIn(_ login: String, at unit: UnitCode) throws -> StaffMember {
        try AccountService(store: nodes[unit]!.work.store, policy: policy).authenticate(login: login, password: password, at: Date())
    }

    func admin(at unit: UnitCode) throws -> StaffMember { try signIn("quantri", at: unit) }

    /// Starts a network, runs `body` on it, and stops it whatever happens.
    static func running(personalSignaturesRequiredFrom: Date? = nil, topology: Topology = LifecycleNetwork.topology,
                        personnel: PersonnelCatalog? = nil, _ body: (LifecycleNetwork) async throws -> Void) async throws {
        let net = try await LifecycleNetwork(personalSignaturesRequiredFrom: personalSignaturesRequiredFrom, topology: topology, personnel: personnel)
        do {
            try await body(net)
        } catch {
            await net.stop()
            throw error
        }
        await net.stop()
    }

    /// A report of R1 for `period` at `commune`, filled, its sections approved and submitted
    /// by `leader`, waiting for the leader's approval.
    func submittedReport(at commune: UnitCode, period: Period, by leader: StaffMember) throws -> Int64 {
        let reports = ReportService(work: nodes[commune]!.work)
        let id = try reports.create(regime: "R1", period: period, by: leader, at: Date()).id!
        try reports.setValues(report: id, [("NN01", "10,5"), ("TC01", "3")], by: leader, at: Date())
        for section in ["A", "B"] { try reports.approveSection(report: id, section: section, by: leader, at: Date()) }
        try reports.submit(report: id, by: leader, at: Date())
        return id
    }

    func stop() async {
        for client in clients { try? await client.shutdown() }
        for node in nodes.values { node.server.cancel() }
        try? FileManager.default.removeItem(at: directory)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite("Report lifecycle across three levels over TLS", .serialized)
struct LifecycleNetworkTests {
    @Test func sectionApproval_return_correction_acceptance_lateReport_snapshots() async throws {
        try await LifecycleNetwork.running { try await run($0) }
    }

    /// "Accept all" at the district: every commune's waiting report accepted at once, each
    /// with its own signed decision that reaches its commune; nothing left to accept after.
    @Test func acceptAll_acceptsEveryWaitingReport_andEachCommuneGetsItsDecision() async throws {
        try await LifecycleNetwork.running { try await acceptAll($0) }
    }

    private func acceptAll(_ net: LifecycleNetwork) async throws {
        let period: Period = "2026-09"
        var sent: [UnitCode: Int64] = [:]
        for commune: UnitCode in ["05266", "05269"] {
            let leader = try net.person("chutich", at: commune, roles: [.dataEntry, .approver])
            let reports = ReportService(work: net.nodes[commune]!.work)
            let id = try net.submittedReport(at: commune, period: period, by: leader)
            _ = try reports.approve(report: id, by: leader, at: Date())
            try reports.send(report: id, by: leader, at: Date())
            #expect(try await net.sync(commune).pushed == 1)
            sent[commune] = id
        }
        let clerk = try net.person("nhaplieu", at: "157", roles: [.dataEntry])
        let aggregator = try net.person("tonghop", at: "157", roles: [.aggregator])
        let inbox = InboxService(work: net.nodes["157"]!.work)
        let byClerk = #expect(throws: ServiceError.self) { try inbox.acceptAll(regime: "R1", period: period, by: clerk, at: Date()) }
        #expect(byClerk?.code == .forbidden)
        #expect(byClerk?.message == "nhaplieu không có quyền chấp nhận báo cáo (cần vai trò: tổng hợp, lãnh đạo).")
        #expect(try inbox.list(regime: "R1", period: period, state: .received, by: aggregator).count == 2)

        #expect(try inbox.acceptAll(regime: "R1", period: period, by: aggregator, at: Date()) == 2)
        let decided = try inbox.list(regime: "R1", period: period, by: aggregator)
        #expect(decided.count == 2 && decided.allSatisfy { $0.report.state == .accepted && $0.report.decisionBundleId != nil })
        #expect(Set(decided.compactMap(\.report.decisionBundleId)).count == 2)
        #expect(try inbox.acceptAll(regime: "R1", period: period, by: aggregator, at: Date()) == 0)
        for (commune, id) in sent {
            #expect(try await net.sync(commune).pulled == 1)
            let leader = try net.signIn("chutich", at: commune)
            #expect(try ReportService(work: net.nodes[commune]!.work).details(report: id, by: leader).report.state == .accepted)
        }
    }

    private func run(_ net: LifecycleNetwork) async throws {
        let period: Period = "2026-10"
        // People at the commune: a clerk, a clerk the leader delegates section A to, the leader.
        let clerk = try net.person("nhaplieu", at: "05266", roles: [.dataEntry])
        _ = try net.person("thuky", at: "05266", roles: [.dataEntry])
        let leader = try net.person("chutich", at: "05266", roles: [.approver])
        let sections = SectionService(store: net.nodes["05266"]!.work.store)
        try sections.addSection(code: "A", name: "Bộ phận nông nghiệp", by: try net.admin(at: "05266"), at: Date())
        try sections.delegate(section: "A", to: "thuky", by: leader, at: Date())
        try sections.setMembers(section: "A", logins: ["nhaplieu"], by: try net.admin(at: "05266"), at: Date())
        let delegate = try net.signIn("thuky", at: "05266")
        let outsider = try net.person("khac", at: "05266", roles: [.dataEntry])
        // At the district: the aggregator who receives, opens and closes the window.
        let aggregator = try net.person("tonghop", at: "157", roles: [.aggregator])
        let districtInbox = InboxService(work: net.nodes["157"]!.work)
        let window = WindowService(work: net.nodes["157"]!.work)
        try window.open(regime: "R1", period: period, by: aggregator, at: Date())
        try districtInbox.assign(regime: "R1", to: "tonghop", by: aggregator, at: Date())

        // The commune drafts, and the sections are approved by the delegate and the leader.
        let reports = ReportService(work: net.nodes["05266"]!.work)
        let draft = try reports.create(regime: "R1", period: period, by: clerk, at: Date())
        let id = try #require(draft.id)
        let problems = try reports.setValues(report: id, [("NN01", "1.245,5"), ("TC01", "12,125")], by: clerk, at: Date())
        #expect(problems.isEmpty, "\(problems)")
        // Section A is assigned to the unit's section A: only its people enter its figures.
        let outsiderEntry = #expect(throws: ServiceError.self) { try reports.setValues(report: id, [("NN01", "1")], by: outsider, at: Date()) }
        #expect(outsiderEntry?.code == .forbidden)
        #expect(outsiderEntry?.message == "khac không có quyền nhập số liệu phần \"Nông nghiệp\": phần này được giao cho bộ phận A.")
        try reports.setValues(report: id, [("TC01", "12,125")], by: outsider, at: Date())
        // The narrative's attached file, named in Vietnamese; a hidden or empty file is refused.
        let note = Data("Tình hình sản xuất nông nghiệp tháng ổn định.".utf8)
        try reports.addAttachment(report: id, name: "Thuyết minh tháng 11.txt", contentType: "text/plain; charset=utf-8", data: note,
                                  by: clerk, at: Date())
        let hidden = #expect(throws: ServiceError.self) { try reports.addAttachment(report: id, name: ".an", contentType: "", data: note, by: clerk, at: Date()) }
        #expect(hidden?.code == .invalidInput)
        #expect(hidden?.message == "Tên tệp \".an\" không dùng được (1–120 ký tự, không có / hay \\, không bắt đầu bằng dấu chấm).")
        let empty = #expect(throws: ServiceError.self) {
            try reports.addAttachment(report: id, name: "rong.txt", contentType: "", data: Data(), by: clerk, at: Date())
        }
        #expect(empty?.code == .invalidInput)
        #expect(empty?.message == "Tệp rong.txt rỗng.")
        #expect(try reports.attachments(report: id, by: clerk).map(\.name) == ["Thuyết minh tháng 11.txt"])
        // A clerk may not approve a section that was not delegated to them.
        let notDelegated = #expect(throws: ServiceError.self) { try reports.approveSection(report: id, section: "B", by: delegate, at: Date()) }
        #expect(notDelegated?.code == .forbidden)
        #expect(notDelegated?.message == "thuky không được duyệt số liệu phần \"Tài chính\": cần lãnh đạo đơn vị, hoặc người được lãnh đạo ủy quyền duyệt số liệu của bộ phận B.")
        // Nor submit before both sections are approved.
        let early = #expect(throws: ServiceError.self) { try reports.submit(report: id, by: clerk, at: Date()) }
        #expect(early?.code == .illegalTransition)
        #expect(early?.message == "Chưa trình được: số liệu các phần \"Nông nghiệp\", \"Tài chính\" chưa được duyệt.")
        try reports.approveSection(report: id, section: "A", by: delegate, at: Date())
        try reports.approveSection(report: id, section: "B", by: leader, at: Date())
        // Data entry cannot approve the report; the leader can.
        try reports.submit(report: id, by: clerk, at: Date())
        let approvedByClerk = #expect(throws: ServiceError.self) { _ = try reports.approve(report: id, by: clerk, at: Date()) }
        #expect(approvedByClerk?.code == .forbidden)
        #expect(approvedByClerk?.message == "nhaplieu không có quyền duyệt và ký báo cáo (cần vai trò: lãnh đạo).")
        _ = try reports.approve(report: id, by: leader, at: Date())
        // Nobody edits an approved revision.
        let afterApproval = #expect(throws: ServiceError.self) { try reports.setValues(report: id, [("NN01", "1")], by: clerk, at: Date()) }
        #expect(afterApproval?.code == .illegalTransition)
        #expect(afterApproval?.message == "Không thể sửa số liệu: báo cáo R1 kỳ 2026-10 lần 1 đang ở trạng thái \"đã duyệt, đã ký\". "
            + "Báo cáo đã duyệt không sửa được.")
        try reports.send(report: id, by: leader, at: Date())
        #expect(try await net.sync("05266").pushed == 1)

        // The district returns it with a reason; the decision reaches the commune signed.
        let received = try districtInbox.list(regime: "R1", period: period, by: aggregator)
        #expect(received.count == 1 && received[0].report.state == .received)
        #expect(districtInbox.signerSubject(of: received[0]) == net.pki.units["05266"]!.signing.certificate.subject)
        #expect(received[0].report.assignedTo == "tonghop")
        // The attached file came with the signed report, byte for byte.
        let receivedFile = try ReportService(work: net.nodes["157"]!.work).attachment(report: received[0].report.id!, name: "Thuyết minh tháng 11.txt",
                                                                                       by: aggregator)
        #expect(receivedFile.data == note && receivedFile.contentType == "text/plain")
        let receivedId = try #require(received.first?.report.id)
        let withoutReason = #expect(throws: ServiceError.self) { try districtInbox.giveBack(report: receivedId, reason: "  ", by: aggregator, at: Date()) }
        #expect(withoutReason?.code == .invalidInput)
        #expect(withoutReason?.message == "Phải ghi rõ lý do.")
        try districtInbox.giveBack(report: receivedId, reason: "Diện tích lúa chưa đúng với số liệu thống kê", by: aggregator, at: Date())
        #expect(try await net.sync("05266").pulled == 1)
        let returned = try reports.details(report: id, by: clerk).report
        #expect(returned.state == .returned)
        #expect(returned.reason == "Diện tích lúa chưa đúng với số liệu thống kê")
        // A returned report cannot be sent again without a new revision.
        let resent = #expect(throws: ServiceError.self) { try reports.send(report: id, by: leader, at: Date()) }
        #expect(resent?.code == .illegalTransition)
        #expect(resent?.message == "Không thể gửi: báo cáo R1 kỳ 2026-10 lần 1 đang ở trạng thái \"bị trả lại\". "
            + "Hãy lập lần sửa mới (báo cáo mới cho cùng kỳ).")

        // Revision 2 starts from the returned figures; corrected, re-approved, sent.
        let second = try reports.create(regime: "R1", period: period, by: clerk, at: Date())
        let id2 = try #require(second.id)
        #expect(second.revision == 2)
        #expect(try reports.details(report: id2, by: clerk).values[ValueKey("TC01")]?.text == "12.125")
        #expect(try reports.attachments(report: id2, by: clerk).map(\.name) == ["Thuyết minh tháng 11.txt"])
        try reports.setValues(report: id2, [("NN01", "1.250,5")], by: clerk, at: Date())
        try reports.approveSection(report: id2, section: "A", by: delegate, at: Date())
        try reports.approveSection(report: id2, section: "B", by: leader, at: Date())
        try reports.submit(report: id2, by: clerk, at: Date())
        _ = try reports.approve(report: id2, by: leader, at: Date())
        try reports.send(report: id2, by: leader, at: Date())
        try await net.sync("05266")

        let revision2 = try #require(try districtInbox.list(regime: "R1", period: period, state: .received, by: aggregator).first)
        #expect(revision2.report.revision == 2 && !revision2.report.late)
        try districtInbox.accept(report: revision2.report.id!, by: aggregator, at: Date())
        try await net.sync("05266")
        #expect(try reports.details(report: id2, by: clerk).report.state == .accepted)

        // The window closes: snapshot 1 holds the accepted figures of 05266.
        #expect(try window.close(regime: "R1", period: period, by: aggregator, at: Date()) == 1)
        var snapshots = try window.snapshots(regime: "R1", period: period, by: aggregator)
        #expect(snapshots.last?.values[ValueKey("NN01")] == (try ExactDecimal(canonical: "1250.5")))

        // The other commune reports after the window closed: kept, flagged late, not counted...
        let clerk2 = try net.person("nhaplieu", at: "05269", roles: [.dataEntry, .approver])
        let reports2 = ReportService(work: net.nodes["05269"]!.work)
        let late = try reports2.create(regime: "R1", period: period, by: clerk2, at: Date())
        try reports2.setValues(report: late.id!, [("NN01", "100"), ("TC01", "0,875")], by: clerk2, at: Date())
        try reports2.approveSection(report: late.id!, section: "A", by: clerk2, at: Date())
        try reports2.approveSection(report: late.id!, section: "B", by: clerk2, at: Date())
        try reports2.submit(report: late.id!, by: clerk2, at: Date())
        _ = try reports2.approve(report: late.id!, by: clerk2, at: Date())
        try reports2.send(report: late.id!, by: clerk2, at: Date())
        try await net.sync("05269")
        let lateEntry = try #require(try districtInbox.list(regime: "R1", period: period, state: .received, by: aggregator).first)
        #expect(lateEntry.report.unitCode == "05269" && lateEntry.report.late)
        #expect(try window.snapshots(regime: "R1", period: period, by: aggregator).count == 1)
        // ...until the aggregator accepts it: snapshot 2 counts it, exactly.
        try districtInbox.accept(report: lateEntry.report.id!, by: aggregator, at: Date())
        snapshots = try window.snapshots(regime: "R1", period: period, by: aggregator)
        #expect(snapshots.count == 2)
        #expect(snapshots[1].values[ValueKey("NN01")] == (try ExactDecimal(canonical: "1350.5")))
        #expect(snapshots[1].values[ValueKey("TC01")] == (try ExactDecimal(canonical: "13")))
        #expect(snapshots[0].values[ValueKey("NN01")] == (try ExactDecimal(canonical: "1250.5")))

        // The window announcements and a reminder reached the communes as signed notices.
        let districtNotices = NoticeService(work: net.nodes["157"]!.work)
        #expect(try districtNotices.remind(regime: "R1", period: "2026-11", by: aggregator, at: Date()).sorted() == ["05266", "05269"])
        try await net.sync("05266")
        let notices = try NoticeService(work: net.nodes["05266"]!.work).received(by: clerk)
        #expect(Set(notices.map(\.kind)) == [.windowOpened, .windowClosed, .reminder], "\(notices.map(\.kind))")

        // The district's own report goes up to the province, and the province accepts it.
        let districtLeader = try net.person("lanhdao", at: "157", roles: [.approver, .dataEntry])
        let districtReports = ReportService(work: net.nodes["157"]!.work)
        let own = try districtReports.create(regime: "R1", period: period, by: districtLeader, at: Date())
        // Pre-filled from the accepted reports of its communes.
        let prefilled = try districtReports.details(report: own.id!, by: districtLeader).values
        #expect(prefilled[ValueKey("NN01")]?.number == (try ExactDecimal(canonical: "1350.5")))
        #expect(prefilled[ValueKey("TC01")]?.number == (try ExactDecimal(canonical: "13")))
        for section in ["A", "B"] { try districtReports.approveSection(report: own.id!, section: section, by: districtLeader, at: Date()) }
        try districtReports.submit(report: own.id!, by: districtLeader, at: Date())
        _ = try districtReports.approve(report: own.id!, by: districtLeader, at: Date())
        try districtReports.send(report: own.id!, by: districtLeader, at: Date())
        try await net.sync("157")
        let provincial = try net.person("tonghop", at: "17", roles: [.aggregator])
        let provinceInbox = InboxService(work: net.nodes["17"]!.work)
        let fromDistrict = try #require(try provinceInbox.list(regime: "R1", period: period, by: provincial).first)
        #expect(fromDistrict.report.unitCode == "157")
        try provinceInbox.accept(report: fromDistrict.report.id!, by: provincial, at: Date())
        try await net.sync("157")
        #expect(try districtReports.details(report: own.id!, by: districtLeader).report.state == .accepted)

        // The province's consolidated figures now count the district's accepted report.
        let atProvince = try ConsolidationService(store: net.nodes["17"]!.work.store, home: "17").view(regime: "R1", period: period, by: Fixtures.reader)
        #expect(atProvince.rows.first { $0.key == ValueKey("NN01") }?.value == (try ExactDecimal(canonical: "1350.5")))
        #expect(atProvince.contributors.map(\.unitCode) == ["157"])

        // The district relayed each commune report, and its decisions on them, byte for byte:
        // the province drills into the commune's own figures, signed by the commune, and
        // sees both revisions as the district decided them — none of them in its own inbox.
        let province = ConsolidationService(store: net.nodes["17"]!.work.store, home: "17")
        let commune = try province.drillDown(regime: "R1", period: period, unit: "05266", by: Fixtures.reader)
        let copy = try #require(commune.report)
        #expect(copy.revision == 2 && copy.state == .accepted && copy.relayedFor == "157")
        #expect(commune.values[ValueKey("NN01")] == (try ExactDecimal(canonical: "1250.5")))
        // Its figures, not its files: an archive copy's attachments, print and Excel stay with
        // the report's receiver (issue 17) — the province opens them only of reports sent to it.
        let closed = #expect(throws: ServiceError.self) {
            try ReportService(work: net.nodes["17"]!.work).attachment(report: copy.id!, name: "Thuyết minh tháng 11.txt", by: provincial)
        }
        #expect(closed?.message == "Không có báo cáo số \(copy.id!) của đơn vị này hoặc gửi đến đơn vị này.")
        let copyBytes = try net.nodes["17"]!.work.runtime.files.read(try #require(copy.bundleId))
        guard case .valid(let verified) = try net.nodes["17"]!.work.runtime.ingestor().trust.verifier.verify(copyBytes, now: Date()) else {
            Issue.record("the relayed commune bundle does not verify at the province"); return
        }
        #expect(verified.signer.fingerprint == net.pki.units["05266"]!.signing.certificate.fingerprint)
        let firstCopy = try await net.nodes["17"]!.work.store.writer.read { db in
            try NodeStore.revisions(regime: "R1", period: period, unit: "05266", in: db)
        }
        #expect(firstCopy.map(\.state) == [.returned, .accepted])
        #expect(firstCopy.first?.reason == "Diện tích lúa chưa đúng với số liệu thống kê")
        let lateCopy = try province.drillDown(regime: "R1", period: period, unit: "05269", by: Fixtures.reader)
        #expect(lateCopy.report?.state == .accepted)
        #expect(lateCopy.values[ValueKey("NN01")] == (try ExactDecimal(canonical: "100")))
        #expect(try provinceInbox.list(by: provincial).map(\.report.unitCode) == ["157"])
        // Each sync measured the commune's clock against the district's.
        let skew = try #require(try net.nodes["157"]!.work.store.clockSkews()["05266"])
        #expect(abs(skew) <= 2)

        // The commune's audit head rode up in its report bundles: the district holds anchors
        // that match the commune's own log.
        let anchors = try net.nodes["157"]!.work.store.auditAnchors(of: "05266")
        #expect(anchors.count == 2)
        let communeLog = try AuditLog.entries(in: net.nodes["05266"]!.work.store)
        for anchor in anchors {
            #expect(communeLog.first { $0.sequence == anchor.head.sequence }?.hash == anchor.head.hash)
        }

        // The commune reports its own use, counted from its audit log: every sign-in of
        // this test happened today, so in today's period, by 5 people (quantri, nhaplieu,
        // thuky, chutich, khac); R1 2026-10 was sent twice, both after its deadline.
        let regime = try #require(LifecycleNetwork.catalog.regime(code: UsageReportService.regimeCode))
        let today = VietnamTime.civilDate(at: Date())
        let usagePeriod = try #require((-1...1).map { today.year * 12 + today.month - 1 + $0 }
            .map { try! Period(parsing: String(format: "%04d-%02d", $0 / 12, $0 % 12 + 1)) }
            .first { let w = regime.effectiveCutOff.window(for: $0); return w.from <= today && today <= w.to })
        let usage = UsageReportService(work: net.nodes["05266"]!.work)
        let signIns = try AuditLog.entries(in: net.nodes["05266"]!.work.store).filter { $0.action == "signin.ok" }.count
        let figures = Dictionary(uniqueKeysWithValues: try usage.figures(period: usagePeriod).map { ($0.key, $0.text) })
        #expect(figures == ["HT01": String(signIns), "HT02": "5", "HT03": "0", "HT04": "2"], "\(figures)")
        let usageDraft = try usage.draft(period: usagePeriod, by: clerk, at: Date())
        #expect(try reports.details(report: usageDraft.id!, by: clerk).values[ValueKey("HT02")]?.text == "5")

        // Every step is in each node's audit log, and each log verifies.
        for unit: UnitCode in ["05266", "157", "17"] {
            let verification = try AuditLog.verify(net.nodes[unit]!.work.store)
            #expect(verification.problem == nil, "\(unit): \(String(describing: verification.problem))")
        }
        let communeActions = try AuditLog.entries(in: net.nodes["05266"]!.work.store).map(\.action)
        // Arrivals too: the decisions and notices at the commune, the reports at the district.
        let arrivals = try AuditLog.entries(in: net.nodes["157"]!.work.store).filter { $0.action == "bundle.received" }
        #expect(arrivals.reversed().map { $0.detail ?? "" } == [
            "release từ 17", "report từ 05266, R1 kỳ 2026-10, lần 1", "report từ 05266, R1 kỳ 2026-10, lần 2",
            "report từ 05269, R1 kỳ 2026-10, lần 1", "receipt từ 17", "decision từ 17, R1 kỳ 2026-10, lần 1",
        ])
        for action in ["report.submitted", "report.approved", "report.sent", "report.approveSection", "bundle.received"] {
            #expect(communeActions.contains(action), "\(action) missing from \(communeActions)")
        }
    }
}
