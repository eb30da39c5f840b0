import BaoCaoBundle
import BaoCaoCore
import BaoCaoTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `baocao sign-service` run as the leader runs it, with the key on a SoftHSM2 token: every
/// signature has its PIN checked by the token — also after a first one succeeded (a
/// process logged in to a token would stay logged in, so the service never logs in itself).
@Suite("baocao sign-service with a token", .serialized)
struct SignServiceCommandTests {
    static let node = "http://127.0.0.1:8080"

    /// The running service, its address read from what it prints.
    final class Service: @unchecked Sendable {
        let process = Process()
        var base = ""

        init(arguments: [String], environment: [String: String], in directory: URL) throws {
            process.executableURL = CommandRunner.executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.currentDirectoryURL = directory
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            var said = ""
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, process.isRunning {
                said += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
                if let range = said.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                    base = String(said[range])
                    return
                }
            }
            process.terminate()
            throw CLIFailure("sign-service did not start: \(said)")
        }

        deinit {
            if process.isRunning { process.interrupt() }
            process.waitUntilExit()
        }

        func send(_ path: String, method: String = "GET", origin: String?, body: Data? = nil,
                  type: String = "application/json") async throws -> (status: Int, body: String) {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = method
            if let origin { request.setValue(origin, forHTTPHeaderField: "Origin") }
            if let body {
                request.httpBody = body
                request.setValue(type, forHTTPHeaderField: "Content-Type")
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let description: String
        init(_ text: String) { description = text }
    }

    static func object(_ text: String) throws -> [String: String] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String], "\(text)")
    }

    @Test func tokenKey_eachSignatureChecksThePIN() async throws {
        let workspace = try SampleWorkspace()
        let pkiResult = try CommandRunner.run(["pki", "init-dev", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv", "--out", workspace.path("pki"),
                                               "--units", "157,05290", "--key-type", "ec", "--persons"], in: workspace.root)
        #expect(pkiResult.status == 0, "\(pkiResult.error)")
        let persons = workspace.root.appendingPathComponent("pki/units/05290/persons")
        let leader = try SigningIdentity(keyPEM: Data(contentsOf: persons.appendingPathComponent("lanhdao.key")),
                                         certificatePEM: Data(contentsOf: persons.appendingPathComponent("lanhdao.pem")))
        let token = try SoftHSMToken()
        let uri = try token.store(leader, id: [0x07], object: "lanhdao", withCertificate: false)

        // Refused off loopback, in Vietnamese, before anything runs.
        let lan = try CommandRunner.run(["sign-service", "--listen", "0.0.0.0:8790", "--allow-origin", Self.node, "--token", "\(uri)",
                                         "--certificate", persons.appendingPathComponent("lanhdao.pem").path], in: workspace.root)
        #expect(lan.status != 0)
        #expect(lan.error.hasPrefix("Lỗi: Dịch vụ ký số chỉ được nghe trên địa chỉ nội bộ"), "\(lan.error)")

        let service = try Service(arguments: ["sign-service", "--listen", "127.0.0.1:0", "--allow-origin", Self.node, "--token", "\(uri)",
                                              "--certificate", persons.appendingPathComponent("lanhdao.pem").path],
                                  environment: token.environment, in: workspace.root)

        func request() async throws -> (SignedAttributes, String, String) {
            let prepared = try PreparedBundle(kind: .report, sender: "05290", recipient: "157",
                                              parts: [BundleWriter.Part(path: "report.json", data: Data("{}".utf8))],
                                              about: ["regime": "KTXH-THANG", "period": "2026-11", "unit": "05290"], at: Date())
            let attributes = try prepared.signedAttributes()
            let body = try JSONSerialization.data(withJSONObject: ["manifest": prepared.manifestBytes.base64EncodedString(),
                                                                   "signedAttributes": attributes.der.base64EncodedString()])
            let created = try await service.send("/v1/yeu-cau", method: "POST", origin: Self.node, body: body)
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(try Self.object(created.body)["id"])
            let page = try await service.send("/xac-nhan/\(id)", origin: nil).body
            #expect(page.contains("<td id=\"ky-bao-cao\">2026-11</td>"))
            let start = try #require(page.range(of: "name=\"token\" value=\"")).upperBound
            return (attributes, id, String(page[start...].prefix { $0 != "\"" }))
        }
        func confirm(_ id: String, _ formToken: String, pin: String) async throws -> (status: Int, body: String) {
            try await service.send("/xac-nhan/\(id)", method: "POST", origin: service.base,
                                   body: Data("token=\(formToken)&action=ky&pin=\(pin)".utf8), type: "application/x-www-form-urlencoded")
        }

        let (attributes, id, formToken) = try await request()
        let wrong = try await confirm(id, formToken, pin: "999999")
        #expect(wrong.status == 400)
        #expect(wrong.body.contains("Mã PIN không đúng"), "\(wrong.body)")
        #expect(try Self.object(try await service.send("/v1/yeu-cau/\(id)", origin: Self.node).body) == ["state": "waiting"])
        let right = try await confirm(id, formToken, pin: token.pin)
        #expect(right.body.contains("id=\"da-ky\""), "\(right.body)")
        let result = try Self.object(try await service.send("/v1/yeu-cau/\(id)", origin: Self.node).body)
        let signature = try #require(result["signature"].flatMap { Data(base64Encoded: $0) })
        try SignedDataBuilder.check(.init(certificate: leader.certificate, chain: [], attributes: attributes, signature: signature))

        // A second request after a signature made: a wrong PIN is still refused, nothing returned.
        let (_, second, secondToken) = try await request()
        let again = try await confirm(second, secondToken, pin: "123123")
        #expect(again.body.contains("Mã PIN không đúng"), "\(again.body)")
        #expect(try Self.object(try await service.send("/v1/yeu-cau/\(second)", origin: Self.node).body) == ["state": "waiting"])
        // The PIN is in nothing the service printed or answered.
        #expect(!again.body.contains(token.pin) && !right.body.contains(token.pin))
    }
}
