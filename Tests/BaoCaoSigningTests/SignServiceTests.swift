import BaoCaoBundle
import BaoCaoCore
import BaoCaoSigning
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `baocao sign-service` on the leader's PC (issue 18, item 3): loopback only, answering
/// only the node origins configured, signing only what it hashed itself and showed, with
/// the PIN typed on its own page.
@Suite("The signing service beside the leader's token")
struct SignServiceTests {
    static let node = "http://127.0.0.1:8080"
    static let pin = "246810"

    final class Fixture: Sendable {
        let leader: SigningIdentity
        let personRoot: Certificate
        let key: PersonalKey

        init() throws {
            let topology = try Topology(units: [
                ReportingUnit(code: "17", name: "Tỉnh Hoà Bình", kind: .province),
                ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
                ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
            ])
            let pki = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date().addingTimeInterval(-86_400), persons: true)
            leader = pki.persons["05290"]!.first { $0.login == "lanhdao" }!.identity
            personRoot = pki.personRoot!.certificate
            key = try PersonalKey.developmentFile(keyPEM: leader.key.pem(password: SignServiceTests.pin), certificatePEM: leader.certificate.pem)
        }
    }

    static let fixture = try! Fixture()

    static func configuration() throws -> SignServiceConfiguration {
        try SignServiceConfiguration(host: "127.0.0.1", port: 0, allowedOrigins: [node])
    }

    /// A report's manifest and the attributes a node builds for it, signed now.
    static func request(signedAt time: Date = Date(), period: String = "2026-10") throws -> (prepared: PreparedBundle, body: String) {
        let prepared = try PreparedBundle(kind: .report, sender: "05290", recipient: "157",
                                          parts: [BundleWriter.Part(path: "report.json", data: Data("{\"period\":\"\(period)\"}".utf8))],
                                          about: ["regime": "KTXH-THANG", "period": period, "unit": "05290", "revision": "1"], at: time)
        return (prepared, body(manifest: prepared.manifestBytes, attributes: try prepared.signedAttributes().der))
    }

    static func body(manifest: Data, attributes: Data) -> String {
        "{\"manifest\":\"\(manifest.base64EncodedString())\",\"signedAttributes\":\"\(attributes.base64EncodedString())\"}"
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: String] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: String])
    }

    /// The test client names the service `localhost` (its authority), on no port.
    static func headers(origin: String? = node, form: Bool = false) -> HTTPFields {
        var headers: HTTPFields = [:]
        if let origin { headers[.origin] = origin }
        headers[.contentType] = form ? "application/x-www-form-urlencoded" : "application/json"
        return headers
    }

    static func application() throws -> some ApplicationProtocol {
        Application(router: SignServiceApplication.router(configuration: try configuration(), key: fixture.key))
    }

    static func formToken(_ page: String) throws -> String {
        let marker = "name=\"token\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    @Test func listenOffLoopback_isRefused_inVietnamese() throws {
        for host in ["0.0.0.0", "192.168.1.20", "baocao.example.vn", "::"] {
            let error = try #require(throws: SignServiceError.self) {
                _ = try SignServiceConfiguration(host: host, port: 8790, allowedOrigins: [Self.node])
            }
            #expect(error.code == .notLoopback)
            #expect(error.message.contains("chỉ được nghe trên địa chỉ nội bộ"), "\(error.message)")
        }
        for host in ["127.0.0.1", "localhost", "::1", "[::1]"] {
            #expect(throws: Never.self) { _ = try SignServiceConfiguration(host: host, port: 8790, allowedOrigins: [Self.node]) }
        }
        #expect(throws: SignServiceError.self) { _ = try SignServiceConfiguration(host: "127.0.0.1", port: 8790, allowedOrigins: ["http://x/duong-dan"]) }
    }

    /// The whole exchange: preflight, request, the confirmation page naming what it read
    /// from the manifest, a wrong PIN (error, nothing returned), the right PIN, and the
    /// signature with the certificate, handed out once — valid over the node's attributes.
    @Test func allowedOrigin_confirmation_wrongPIN_thenSigned() async throws {
        let (prepared, body) = try Self.request()
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/v1/yeu-cau", method: .options,
                                     headers: [.origin: Self.node,
                                               HTTPField.Name("Access-Control-Request-Private-Network")!: "true"]) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == Self.node)
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Private-Network")!] == "true")
            }
            let created = try await client.execute(uri: "/v1/yeu-cau", method: .post, headers: Self.headers(), body: ByteBuffer(string: body))
            #expect(created.status == .created)
            #expect(created.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == Self.node)
            let answer = try Self.json(created.body)
            let id = try #require(answer["id"])
            #expect(answer["confirm"] == "http://localhost/xac-nhan/\(id)")

            let page = try await client.execute(uri: "/xac-nhan/\(id)", method: .get, headers: [:])
            let html = String(buffer: page.body)
            #expect(html.contains("<td id=\"don-vi\">05290</td>"), "\(html)")
            #expect(html.contains("<td id=\"che-do\">KTXH-THANG</td>"))
            #expect(html.contains("<td id=\"ky-bao-cao\">2026-10</td>"))
            #expect(html.contains(prepared.id))
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let token = try Self.formToken(html)
            let own = Self.headers(origin: "http://localhost", form: true)

            let wrong = try await client.execute(uri: "/xac-nhan/\(id)", method: .post, headers: own,
                                                 body: ByteBuffer(string: "token=\(token)&action=ky&pin=000000"))
            #expect(wrong.status == .badRequest)
            #expect(String(buffer: wrong.body).contains("Mã PIN không đúng"), "\(String(buffer: wrong.body))")
            let waiting = try await client.execute(uri: "/v1/yeu-cau/\(id)", method: .get, headers: Self.headers())
            #expect(try Self.json(waiting.body) == ["state": "waiting"])

            let signed = try await client.execute(uri: "/xac-nhan/\(id)", method: .post, headers: own,
                                                  body: ByteBuffer(string: "token=\(token)&action=ky&pin=\(Self.pin)"))
            #expect(signed.status == .ok)
            #expect(String(buffer: signed.body).contains("id=\"da-ky\""))

            let result = try Self.json(try await client.execute(uri: "/v1/yeu-cau/\(id)", method: .get, headers: Self.headers()).body)
            #expect(result["state"] == "signed")
            let signature = try #require(result["signature"].flatMap { Data(base64Encoded: $0) })
            let certificates = try #require(result["certificates"]).split(separator: ",").map { try Certificate(der: Data(base64Encoded: String($0))!) }
            #expect(certificates.first == Self.fixture.leader.certificate)
            try SignedDataBuilder.check(SignedDataBuilder.ExternalSignature(certificate: certificates[0], chain: [], attributes: try prepared.signedAttributes(),
                                                                            signature: signature))
            // Handed out once.
            #expect(try await client.execute(uri: "/v1/yeu-cau/\(id)", method: .get, headers: Self.headers()).status == .notFound)
        }
    }

    /// Any other page's origin: 403 without a CORS header, nothing kept, nothing signed.
    @Test func foreignOrigin_isRefused_andNothingKept() async throws {
        let (_, body) = try Self.request()
        try await Self.application().test(.router) { client in
            for origin in ["http://evil.example", "http://127.0.0.1:9999", "null"] {
                let preflight = try await client.execute(uri: "/v1/yeu-cau", method: .options, headers: [.origin: origin])
                #expect(preflight.status == .forbidden)
                let refused = try await client.execute(uri: "/v1/yeu-cau", method: .post, headers: Self.headers(origin: origin), body: ByteBuffer(string: body))
                #expect(refused.status == .forbidden)
                #expect(refused.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == nil)
                #expect(String(buffer: refused.body).contains("không được phép"))
            }
            #expect(try await client.execute(uri: "/v1/yeu-cau", method: .post, headers: Self.headers(origin: nil), body: ByteBuffer(string: body)).status == .forbidden)

            // The allowed origin's request, whose PIN form a foreign page posts: refused, not signed.
            // Made now: the service takes requests signed within its clock tolerance (5 minutes),
            // and a machine busy with the whole suite has taken longer than that to get here.
            let (_, fresh) = try Self.request()
            let id = try #require(try Self.json(try await client.execute(uri: "/v1/yeu-cau", method: .post, headers: Self.headers(),
                                                                         body: ByteBuffer(string: fresh)).body)["id"])
            let html = String(buffer: try await client.execute(uri: "/xac-nhan/\(id)", method: .get, headers: [:]).body)
            let token = try Self.formToken(html)
            let forged = try await client.execute(uri: "/xac-nhan/\(id)", method: .post, headers: Self.headers(origin: "http://evil.example", form: true),
                                                  body: ByteBuffer(string: "token=\(token)&action=ky&pin=\(Self.pin)"))
            #expect(forged.status == .forbidden)
            #expect(try Self.json(try await client.execute(uri: "/v1/yeu-cau/\(id)", method: .get, headers: Self.headers()).body) == ["state": "waiting"])
            // Another origin cannot collect the allowed origin's result either.
            #expect(try await client.execute(uri: "/v1/yeu-cau/\(id)", method: .get, headers: Self.headers(origin: "http://evil.example")).status == .forbidden)
        }
    }

    /// What it is asked to sign must be what it was shown: attributes of another manifest,
    /// or a signing time far from this PC's clock, are refused before any page is shown.
    @Test func attributesNotOfTheManifest_orOffTheClock_areRefused() async throws {
        let (prepared, _) = try Self.request()
        let (other, _) = try Self.request(period: "2026-09")
        let mismatched = Self.body(manifest: prepared.manifestBytes, attributes: try other.signedAttributes().der)
        let (_, stale) = try Self.request(signedAt: Date().addingTimeInterval(-3600))
        try await Self.application().test(.router) { client in
            let refused = try await client.execute(uri: "/v1/yeu-cau", method: .post, headers: Self.headers(), body: ByteBuffer(string: mismatched))
            #expect(refused.status == .badRequest)
            let answer = try Self.json(refused.body)
            #expect(answer["code"] == "digestMismatch")
            #expect(answer["error"]?.contains("không phải mã băm SHA-256 của bảng kê") == true, "\(answer)")
            #expect(answer["id"] == nil)
            let late = try Self.json(try await client.execute(uri: "/v1/yeu-cau", method: .post, headers: Self.headers(), body: ByteBuffer(string: stale)).body)
            #expect(late["code"] == "signingTimeOff")
            #expect(late["error"]?.contains("lệch quá 5 phút") == true, "\(late)")
        }
    }
}
