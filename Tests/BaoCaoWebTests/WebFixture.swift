import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A commune node (04801, under district 148) with a small form and four people, served
/// by the real web interface in memory; and a browser-like client that keeps cookies.
final class WebFixture: @unchecked Sendable {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "148"),
    ])
    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN02", name: "Diện tích lúa thu hoạch", unitOfMeasure: "ha", valueType: .decimal, decimals: 1, required: true),
            Indicator(code: "NN03", name: "Sản lượng lúa", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1),
            Indicator(code: "LD02", name: "Tổng số hộ", unitOfMeasure: "hộ", valueType: .integer),
        ],
        forms: [Form(code: "KTXH", title: "Báo cáo kinh tế – xã hội", sections: [
            .init(code: "NN", title: "Nông nghiệp", rows: ["NN02", "NN03"]),
            .init(code: "LD", title: "Lao động", rows: ["LD02"]),
        ])],
        regimes: [Regime(code: "KTXH-THANG", name: "Báo cáo tình hình kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16)],
                         reporters: ReporterSelection(kinds: [.commune]), form: "KTXH")])
    static let password = "mat-khau-thu-nghiem"

    let directory: URL
    let store: NodeStore
    let web: WebEnvironment

    /// `bootstrap` is the trust the node is installed with, for tests that take signed releases in.
    init(home: UnitCode = "04801", hosts: WebHosts = .loopback, signInThrottle: SignInThrottle = SignInThrottle(),
         bootstrap: NodeTrust.Bootstrap? = nil, personnelCatalog: PersonnelCatalog? = nil,
         topology: Topology = WebFixture.topology, catalog: Catalog = WebFixture.catalog, backupPolicy: BackupPolicy? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        _ = try store.initialize(homeUnit: home, topology: topology, catalog: catalog, at: Date())
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: home, bootstrap: bootstrap,
                                  clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals, backupPolicy: backupPolicy)
        let policy = SecurityPolicy(maximumFailedSignIns: 3, bcryptCost: 4)
        let accounts = AccountService(store: store, policy: policy)
        let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: Self.password, by: nil, at: Date())
        let adminActor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
        for (login, name, role) in [("nhaplieu", "Chị Hoa", Role.dataEntry), ("lanhdao", "Anh Nam", .approver), ("xem", "Người xem", .viewer)] {
            _ = try accounts.addUser(login: login, displayName: name, roles: [role], password: Self.password, by: adminActor, at: Date())
        }
        web = try WebEnvironment(work: NodeWork(runtime: runtime, identity: nil), security: policy, hosts: hosts, signInThrottle: signInThrottle,
                                 personnelCatalog: personnelCatalog)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func application() -> some ApplicationProtocol {
        Application(router: LocalApplication.router(runtime: web.work.runtime, web: web))
    }
}

/// A client that keeps cookies and the page's CSRF token, as a browser would.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var lastPage = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    var csrf: String? {
        guard let range = lastPage.range(of: #"name="_csrf" value="([^"]*)""#, options: .regularExpression) else { return nil }
        let match = String(lastPage[range])
        return match.components(separatedBy: "value=\"").last.map { String($0.dropLast()) }
    }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a form; the page's CSRF token is added unless `csrf` is false.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf withToken: Bool = true) async throws -> TestResponse {
        var all = fields
        if withToken, let token = csrf { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    /// Posts a form with a file, as `multipart/form-data`.
    @discardableResult
    func postFile(_ uri: String, field: String, fileName: String, type: String, data: Data, fields: [(String, String)] = [],
                  csrf withToken: Bool = true) async throws -> TestResponse {
        let boundary = "----baocao\(UInt32.random(in: 0 ... .max))"
        var body = Data()
        if withToken, let token = csrf {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n".utf8))
        }
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await send(uri, method: .post, body: ByteBuffer(bytes: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> TestResponse {
        try await send(uri, method: method, body: body.map { ByteBuffer(string: $0) }, contentType: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            if value.isEmpty || field.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if !text.isEmpty, response.headers[.contentType]?.hasPrefix("text/html") == true { lastPage = text }
        return response
    }

    /// Signs in through the form, as a person would.
    @discardableResult
    func signIn(_ login: String, password: String = WebFixture.password) async throws -> TestResponse {
        try await get("/dang-nhap")
        return try await post("/dang-nhap", [("login", login), ("password", password)])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
