import BaoCaoBundle
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
import Testing

/// The report page's "Duyệt và ký số" when the node names the leader's signing service
/// (`web.signService`, issue 18 item 3): the page carries the script and may call that one
/// origin; the node prepares the bundle under a one-time id (CSRF-protected), and takes the
/// signature back only when the whole bundle then verifies, both signatures.
@Suite("Web: approving with the leader's signing service")
struct WebSignServiceTests {
    static let service = "http://127.0.0.1:8790"

    final class Fixture: @unchecked Sendable {
        let directory: URL
        let pki: DevelopmentPKI
        let web: WebEnvironment
        let reports: ReportService
        let leader: StaffMember

        init() throws {
            pki = try DevelopmentPKI.make(topology: WebFixture.topology, keyKind: .ecP256, now: Date().addingTimeInterval(-3600), persons: true)
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-web-ky-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
            _ = try store.initialize(homeUnit: "04801", topology: WebFixture.topology, catalog: WebFixture.catalog, at: Date())
            let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: "04801",
                                      bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry),
                                      clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals)
            // The province's release: persons' CA, its persons, their signatures required.
            var trust = TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                                  signers: pki.registry.signers, nodes: pki.registry.nodes)
            trust.personAnchors = [String(decoding: pki.personRoot!.certificate.pem, as: UTF8.self)]
            trust.persons = pki.persons.flatMap { unit, people in
                people.map { RegisteredPerson(name: $0.identity.certificate.commonName!, title: $0.title, unit: unit, roles: [$0.role],
                                              certificates: [$0.identity.certificate.fingerprint]) }
            }
            trust.personalSignaturesRequiredFrom = Date().addingTimeInterval(-600)
            let content = ReleaseContent(publisher: "17", version: 1, previousHash: nil, publishedAt: Date(), expiresAt: Date() + 86_400 * 30,
                                         topology: WebFixture.topology.units, catalog: WebFixture.catalog, trust: trust)
            let (_, release, _) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: Date())
            guard try runtime.ingest(release, from: .carrier, now: Date()) == .accepted else { throw WebTestFailure("release refused") }

            let policy = SecurityPolicy(maximumFailedSignIns: 3, bcryptCost: 4)
            let accounts = AccountService(store: store, policy: policy)
            let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: WebFixture.password, by: nil, at: Date())
            let adminActor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
            let user = try accounts.addUser(login: "lanhdao", displayName: "Nguyễn Văn An", roles: [.approver, .dataEntry], password: WebFixture.password,
                                            by: adminActor, at: Date())
            leader = StaffMember(userId: user.id, login: user.login, displayName: user.displayName, roles: user.roles)
            let work = NodeWork(runtime: runtime, identity: pki.units["04801"]!.signing)
            web = try WebEnvironment(work: work, security: policy, signService: WebSignServiceTests.service)
            reports = ReportService(work: work)
            let id = try reports.create(regime: "KTXH-THANG", period: "2026-11", by: leader, at: Date()).id!
            try reports.setValues(report: id, [("NN02", "12,5"), ("NN03", "60"), ("LD02", "300")], by: leader, at: Date())
            for section in ["NN", "LD"] { try reports.approveSection(report: id, section: section, by: leader, at: Date()) }
            try reports.submit(report: id, by: leader, at: Date())
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func application() -> some ApplicationProtocol {
            Application(router: LocalApplication.router(runtime: web.work.runtime, web: web))
        }

        func person(_ login: String) -> SigningIdentity { pki.persons["04801"]!.first { $0.login == login }!.identity }
    }

    struct WebTestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ text: String) { description = text }
    }

    static func json(_ response: TestResponse) throws -> [String: String] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: String])
    }

    @Test func reportPage_callsTheService_andTheNodeVerifiesBeforeRecording() async throws {
        let fixture = try Fixture()
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            let page = try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("data-sign-service=\"\(Self.service)\""))
            #expect(browser.lastPage.contains("<script src=\"/static/ky-so.js\" defer></script>"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("connect-src 'self' \(Self.service);") == true)
            let script = try await browser.get("/static/ky-so.js")
            #expect(script.status == .ok)
            #expect(String(buffer: script.body).contains("/v1/yeu-cau"))

            // Without the page's CSRF token: refused, nothing prepared.
            #expect(try await browser.post("/bao-cao/1/chuan-bi-ky", [], csrf: false).status == .forbidden)

            // A signature by another key than the leader's certificate: refused, the report still waits.
            let first = try Self.json(try await browser.post("/bao-cao/1/chuan-bi-ky", []))
            let attributes = try SignedAttributes(der: try #require(first["signedAttributes"].flatMap { Data(base64Encoded: $0) }))
            let manifest = try #require(first["manifest"].flatMap { Data(base64Encoded: $0) })
            #expect(attributes.contentDigest == SHA256Digest.bytes(of: manifest))
            #expect(first["service"] == Self.service)
            let forged = try attributes.signature(with: fixture.person("tonghop"))
            let refused = try await browser.post("/bao-cao/1/ky-ca-nhan", [
                ("prepared", try #require(first["prepared"])), ("signature", forged.base64EncodedString()),
                ("certificates", fixture.person("lanhdao").certificate.der.base64EncodedString()),
            ])
            #expect(refused.status == .badRequest)
            #expect(try Self.json(refused)["error"]?.contains("không khớp với khóa công khai") == true)
            #expect(try fixture.reports.details(report: 1, by: fixture.leader).report.state == .submitted)

            // The leader's signature over a fresh preparation: assembled, verified, recorded.
            let second = try Self.json(try await browser.post("/bao-cao/1/chuan-bi-ky", []))
            let signed = try SignedAttributes(der: try #require(second["signedAttributes"].flatMap { Data(base64Encoded: $0) }))
            let signature = try signed.signature(with: fixture.person("lanhdao"))
            let chain = ([fixture.person("lanhdao").certificate] + fixture.person("lanhdao").chain).map { $0.der.base64EncodedString() }
            let done = try await browser.post("/bao-cao/1/ky-ca-nhan", [
                ("prepared", try #require(second["prepared"])), ("signature", signature.base64EncodedString()),
                ("certificates", chain.joined(separator: ",")),
            ])
            #expect(try Self.json(done) == ["redirect": "/bao-cao/1"], "\(String(buffer: done.body))")
            // The one-time id is spent.
            let again = try await browser.post("/bao-cao/1/ky-ca-nhan", [
                ("prepared", try #require(second["prepared"])), ("signature", signature.base64EncodedString()), ("certificates", chain[0]),
            ])
            #expect(again.status == .badRequest)

            let report = try fixture.reports.details(report: 1, by: fixture.leader).report
            #expect(report.state == .approved)
            let bundle = try fixture.web.work.runtime.files.read(try #require(report.bundleId))
            let verified = try #require(try fixture.web.work.runtime.ingestor().trust.verifier.verify(bundle, now: Date()).bundle)
            #expect(verified.personalSignature?.person.name == "Nguyễn Văn An")
            #expect(verified.signer.organizationalUnit == "04801")
            try await browser.get("/bao-cao/1")
            #expect(browser.lastPage.contains("đã duyệt, đã ký"))
            #expect(browser.lastPage.contains("chữ ký cá nhân của Nguyễn Văn An"))
        }
    }

    /// Without a signing service the page is as before: no script, no other origin allowed.
    @Test func withoutService_thePageHasNoScript() async throws {
        let fixture = try WebFixture()
        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            let page = try await browser.get("/")
            #expect(page.headers[.contentSecurityPolicy]?.contains("connect-src") == false)
            #expect(try await browser.post("/bao-cao/1/chuan-bi-ky", []).status != .ok)
        }
    }
}
