import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Who may do what, as a literal table, driven through the web interface: every action
/// is tried by every role and by a clerk the leader delegated a section to, each on a
/// fresh district node holding a report in the state the action needs; exactly the
/// allowed ones go through (a redirect or the page) and change what they are for (a page
/// read changes nothing), the others get 403 and change nothing — every table compared
/// before and after, the audit log aside.
@Suite("Permission matrix through the web interface")
struct WebPermissionMatrixTests {
    static let people: [String: Role] = ["admin": .admin, "aggregator": .aggregator, "approver": .approver,
                                         "dataEntry": .dataEntry, "viewer": .viewer, "delegate": .dataEntry]

    /// action → who may do it. Everyone else must be refused.
    static let matrix: [(action: String, allowed: Set<String>)] = [
        ("thêm tài khoản", ["admin"]),
        ("lập báo cáo", ["aggregator", "dataEntry", "delegate"]),
        ("nhập số liệu", ["aggregator", "dataEntry", "delegate"]),
        ("duyệt số liệu phần", ["approver", "delegate"]),
        ("trình lãnh đạo", ["aggregator", "dataEntry", "delegate"]),
        ("duyệt và ký", ["approver"]),
        ("không duyệt", ["approver"]),
        // 002 art. 12.4a: the leader returns one section's figures to the section.
        ("trả lại một phần", ["approver"]),
        ("gửi", ["approver", "aggregator"]),
        ("phân công", ["aggregator", "approver"]),
        ("chấp nhận", ["aggregator", "approver"]),
        ("chấp nhận tất cả", ["aggregator", "approver"]),
        ("xem xét thời hạn", ["aggregator", "approver"]),
        ("trả lại", ["aggregator", "approver"]),
        ("mở tiếp nhận", ["aggregator"]),
        // 002 art. 14.4: an extension of the receiving window is announced by whom manages windows.
        ("gia hạn tiếp nhận", ["aggregator"]),
        // 002 art. 10.1e: the unit's own dashboard is arranged by its working staff, not a viewer.
        ("thêm vào bảng điều khiển", ["admin", "aggregator", "approver", "dataEntry", "delegate"]),
        ("nhắc nhở", ["aggregator"]),
        ("xem nhật ký", ["admin", "approver"]),
        ("xem tổng hợp", ["admin", "aggregator", "approver", "dataEntry", "viewer", "delegate"]),
    ]

    @Test(arguments: matrix.map(\.action))
    func everyRole(action: String) async throws {
        let allowed = Self.matrix.first { $0.action == action }!.allowed
        for person in Self.people.keys.sorted() {
            let node = try SignedWebNode(people: Self.people)
            let attempt = try await node.attempt(action, as: person)
            #expect(attempt.passed == allowed.contains(person), "\(action) by \(person): \(attempt.passed ? "passed" : "refused")")
            #expect(attempt.changes == (attempt.passed && !attempt.isRead),
                    "\(action) by \(person), \(attempt.passed ? "passed" : "refused"): \(attempt.changes ? "changed" : "left") the stored state")
        }
    }
}

extension WebPermissionMatrixTests {
    /// The consolidated view shows a flagged report with the reviewer's form; once ruled
    /// with a reason, the note says what was decided and the form is gone.
    @Test func flaggedTimeliness_isRuledFromTheConsolidatedView() async throws {
        let node = try SignedWebNode(people: Self.people)
        try node.flaggedReport()
        let app = Application(router: LocalApplication.router(runtime: node.work.runtime, web: node.web))
        try await app.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.signIn("aggregator")
            try await browser.get("/tong-hop/xem?regime=KTXH-THANG&period=2026-11")
            #expect(browser.lastPage.contains("ký quá lâu trước khi đến nơi") && browser.lastPage.contains("Tính theo thời điểm ký"))
            let ruled = try await browser.post("/tong-hop/xem-xet-thoi-han", [("regime", "KTXH-THANG"), ("period", "2026-11"), ("unit", "04801"),
                                                                             ("ruling", "signingTime"), ("reason", "Mất kết nối mười ngày")])
            #expect(ruled.status == .seeOther)
            try await browser.get("/tong-hop/xem?regime=KTXH-THANG&period=2026-11")
            #expect(browser.lastPage.contains("đã xem xét: tính theo thời điểm ký") && !browser.lastPage.contains("Tính theo thời điểm ký</button>"))
        }
    }
}

/// A district node (148, between province 17 and commune 04801) with signing keys and a
/// release in force, one account per role and a delegated clerk, served by the web
/// interface in memory.
final class SignedWebNode: @unchecked Sendable {
    static let pki = try! DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date().addingTimeInterval(-3600))
    /// The fixture's province, district and commune, and a second district (Đà Bắc, 150)
    /// hosted beside 148 in ``HostedUnitsTests``.
    static let topology = try! Topology(units: WebFixture.topology.units + [
        ReportingUnit(code: "150", name: "Huyện Đà Bắc", kind: .district, parentCode: "17"),
    ])
    static let catalog = WebFixture.catalog

    let directory: URL
    let store: NodeStore
    let web: WebEnvironment
    let work: NodeWork
    let admin: StaffMember
    let home: UnitCode

    /// `home`: the district whose node this is; `unitPath`: where its pages live (hosted with others, ``UnitPath``).
    init(people: [String: Role], home: UnitCode = "148", unitPath: UnitPath = .root) throws {
        self.home = home
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-webm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        _ = try store.initialize(homeUnit: home, topology: Self.topology, catalog: Catalog(), at: Date())
        let pki = Self.pki
        let signing = pki.units[home]!.signing
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: home,
                                  bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry),
                                  clockTolerance: 86_400, signer: signing, arrivalRecorder: AuditLog.arrivals)
        let content = ReleaseContent(
            publisher: "17", version: 1, previousHash: nil, publishedAt: Date(), expiresAt: Date() + 86_400 * 30,
            topology: Self.topology.units, catalog: Self.catalog,
            trust: TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                             signers: pki.registry.signers, nodes: pki.registry.nodes))
        let (_, release, _) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: Date())
        guard try runtime.ingest(release, from: .carrier, now: Date()) == .accepted else { throw WebTestFailure("release refused") }
        work = NodeWork(runtime: runtime, identity: signing)
        let policy = SecurityPolicy(bcryptCost: 4)
        let accounts = AccountService(store: store, policy: policy)
        let first = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin, .approver], password: WebFixture.password,
                                         by: nil, at: Date())
        admin = StaffMember(userId: first.id, login: first.login, displayName: first.displayName, roles: first.roles)
        for (login, role) in people {
            try accounts.addUser(login: login, displayName: login, roles: [role], password: WebFixture.password, by: admin, at: Date())
        }
        let sections = SectionService(store: store)
        try sections.addSection(code: "NN", name: "Nông nghiệp", by: admin, at: Date())
        try sections.delegate(section: "NN", to: "delegate", by: admin, at: Date())
        web = try WebEnvironment(work: work, security: policy, unitPath: unitPath)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var reports: ReportService { ReportService(work: work) }

    /// The node's own report, brought to `state` by the services.
    func ownReport(_ state: ReportState) throws -> Int64 {
        let now = Date()
        let id = try reports.create(regime: "KTXH-THANG", period: "2026-11", by: admin.with(.aggregator), at: now).id!
        guard state != .draft else { return id }
        try reports.setValues(report: id, [("NN02", "1.245,5"), ("NN03", "6.613,8"), ("LD02", "412")], by: admin.with(.aggregator), at: now)
        for section in ["NN", "LD"] { try reports.approveSection(report: id, section: section, by: admin, at: now) }
        guard state != .draft else { return id }
        try reports.submit(report: id, by: admin.with(.aggregator), at: now)
        if state == .approved { _ = try reports.approve(report: id, by: admin, at: now) }
        return id
    }

    /// A draft whose figures are complete and whose sections are approved.
    func readyDraft() throws -> Int64 {
        let now = Date()
        let id = try reports.create(regime: "KTXH-THANG", period: "2026-11", by: admin.with(.aggregator), at: now).id!
        try reports.setValues(report: id, [("NN02", "1.245,5"), ("NN03", "6.613,8"), ("LD02", "412")], by: admin.with(.aggregator), at: now)
        for section in ["NN", "LD"] { try reports.approveSection(report: id, section: section, by: admin, at: now) }
        return id
    }

    /// A report received from the commune, waiting for a decision.
    func receivedReport() throws -> Int64 {
        let document = ReportDocument(regime: "KTXH-THANG", period: "2026-11", unit: "04801", revision: 1, form: "KTXH", formVersion: 1,
                                      releaseVersion: 1, values: [ValueKey("NN02"): ReportValue(text: "10")], narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao-xa")
        try store.writer.write { db in
            try NodeStore.recordReceivedReport(document, bundleId: "goi-tin-cua-xa", signedAt: Date(), receivedAt: Date(), in: db)
        }
        return try store.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM report WHERE unitCode = '04801'")! }
    }

    /// A report received from the commune today but signed ten days ago: flagged for review.
    func flaggedReport() throws {
        let document = ReportDocument(regime: "KTXH-THANG", period: "2026-11", unit: "04801", revision: 1, form: "KTXH", formVersion: 1,
                                      releaseVersion: 1, values: [ValueKey("NN02"): ReportValue(text: "10")], narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao-xa")
        try store.writer.write { db in
            try NodeStore.recordReceivedReport(document, bundleId: "goi-tin-ky-som", signedAt: Date() - 10 * 86_400, receivedAt: Date(), in: db)
        }
    }

    /// Every row of every table but the audit log (which records refusals too), by table.
    func storedState() throws -> [String] {
        try store.writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'auditEntry' ORDER BY name
                """)
            return try tables.flatMap { table in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table) \($0)" }.sorted() }
        }
    }

    /// What one attempt did: whether it went through, whether it changed the stored state,
    /// and whether it was a page read.
    struct Attempt {
        let passed: Bool
        let changes: Bool
        let isRead: Bool
    }

    /// Tries one action through the web as `login`.
    func attempt(_ action: String, as login: String) async throws -> Attempt {
        try await attempt(action, as: login, through: Application(router: LocalApplication.router(runtime: work.runtime, web: web)))
    }

    /// Tries one action as `login` through `application`: this node's pages under `prefix`
    /// (`""` alone, `/148` hosted), `login` signed in to the unit whose pages are under
    /// `signInPrefix` (this one's by default; another hosted unit's to try reaching across).
    func attempt(_ action: String, as login: String, through application: some ApplicationProtocol,
                 prefix: String = "", signInPrefix: String? = nil) async throws -> Attempt {
        // Everything the action needs is made before the browser signs in.
        var path = "", fields: [(String, String)] = [], get = false
        switch action {
        case "thêm tài khoản": (path, fields) = ("/quan-tri/tai-khoan", [("login", "moi"), ("name", "Người mới"), ("role", "viewer"), ("password", "mat-khau-nguoi-moi")])
        case "lập báo cáo": (path, fields) = ("/bao-cao/moi", [("regime", "KTXH-THANG"), ("period", "2026-11")])
        case "nhập số liệu": (path, fields) = ("/bao-cao/\(try ownReport(.draft))/luu", [("v_LD02", "413"), ("narrative", ""), ("action", "save")])
        case "duyệt số liệu phần": (path, fields) = ("/bao-cao/\(try ownReport(.draft))/duyet-phan", [("section", "NN")])
        case "trình lãnh đạo": (path, fields) = ("/bao-cao/\(try readyDraft())/luu", [("narrative", ""), ("action", "submit")])
        case "duyệt và ký": path = "/bao-cao/\(try ownReport(.submitted))/duyet"
        case "không duyệt": (path, fields) = ("/bao-cao/\(try ownReport(.submitted))/tu-choi", [("reason", "Sai số liệu")])
        case "trả lại một phần": (path, fields) = ("/bao-cao/\(try ownReport(.submitted))/tra-phan", [("section", "NN"), ("reason", "Diện tích chưa khớp")])
        case "gửi": path = "/bao-cao/\(try ownReport(.approved))/gui"
        case "phân công": (path, fields) = ("/hop-thu/\(try receivedReport())/phan-cong", [("login", "aggregator")])
        case "chấp nhận": path = "/hop-thu/\(try receivedReport())/chap-nhan"
        case "chấp nhận tất cả":
            _ = try receivedReport()
            (path, fields) = ("/hop-thu/chap-nhan-tat-ca", [("regime", "KTXH-THANG"), ("period", "2026-11")])
        case "xem xét thời hạn":
            try flaggedReport()
            (path, fields) = ("/tong-hop/xem-xet-thoi-han", [("regime", "KTXH-THANG"), ("period", "2026-11"), ("unit", "04801"),
                                                          ("ruling", "signingTime"), ("reason", "Mất kết nối mười ngày")])
        case "trả lại": (path, fields) = ("/hop-thu/\(try receivedReport())/tra-lai", [("reason", "Thiếu số liệu")])
        case "mở tiếp nhận": (path, fields) = ("/hop-thu/tiep-nhan", [("regime", "KTXH-THANG"), ("period", "2026-11"), ("action", "open")])
        case "gia hạn tiếp nhận":
            (path, fields) = ("/hop-thu/tiep-nhan", [("regime", "KTXH-THANG"), ("period", "2026-11"), ("action", "extend"),
                                                   ("until", "2099-12-31T17:00"), ("number", "15/TB-UBND"), ("date", "2026-12-01"),
                                                   ("reason", "Mất điện diện rộng")])
        case "thêm vào bảng điều khiển": (path, fields) = ("/bang-dieu-khien/them", [("muc", "KTXH-THANG/LD02"), ("bieu-do", "line")])
        case "nhắc nhở": (path, fields) = ("/thong-bao/don-doc", [("regime", "KTXH-THANG"), ("period", "2026-11")])
        case "xem nhật ký": (path, get) = ("/quan-tri/nhat-ky", true)
        case "xem tổng hợp": (path, get) = ("/tong-hop/xem?regime=KTXH-THANG&period=2026-11", true)
        default: throw WebTestFailure("no such action \(action)")
        }
        let (target, form, isRead) = (prefix + path, fields, get)
        let home = signInPrefix ?? prefix
        return try await application.test(.router) { client in
            let browser = Browser(client)
            try await browser.get(home + "/dang-nhap")
            let signedIn = try await browser.post(home + "/dang-nhap", [("login", login), ("password", WebFixture.password)])
            guard signedIn.status == .seeOther, signedIn.headers[.location] == home + "/" else { throw WebTestFailure("\(login) could not sign in") }
            try await browser.get(home + "/")   // a page with the session's CSRF token
            let before = try self.storedState()
            let response = isRead ? try await browser.get(target) : try await browser.post(target, form)
            let changes = try self.storedState() != before
            switch response.status {
            case .seeOther where response.headers[.location]?.hasSuffix("/dang-nhap") == true:
                // Sent to sign in: this node does not know the session.
                return Attempt(passed: false, changes: changes, isRead: isRead)
            case .seeOther, .ok: return Attempt(passed: true, changes: changes, isRead: isRead)
            case .forbidden: return Attempt(passed: false, changes: changes, isRead: isRead)
            default: throw WebTestFailure("\(action) by \(login): unexpected \(response.status)\n\(browser.lastPage)")
            }
        }
    }
}

extension StaffMember {
    /// The same person holding one more role (to prepare a state, not to test it).
    func with(_ role: Role) -> StaffMember {
        StaffMember(userId: userId, login: login, displayName: displayName, roles: roles.union([role]), sections: sections)
    }
}

struct WebTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
