import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

/// `baocao serve` with its local port over HTTPS (`network.localTLS`): what a person's
/// browser meets, checked with an HTTPS client that trusts only the development root, and
/// by `openssl s_client`; and the node that would serve its web interface to the office
/// network in clear, refused at `init` and at `serve`.
@Suite("baocao serve: the web interface over HTTPS", .serialized)
struct WebTLSCommandTests {
    /// The province node; its node certificate names `17.baocao.test` (never a loopback name).
    static func network() throws -> SignedNetwork {
        try SignedNetwork(units: ["157"])
    }

    static func networkSection(sync: Int, listen: String, tls: String?, hosts: String? = nil) -> String {
        """
        network:
          syncListen: 127.0.0.1:\(sync)
          localListen: \(listen)
          \(hosts.map { "localHosts: [\($0)]" } ?? "")
          certificate: ../pki/units/17/node.pem
          key: ../pki/units/17/node.key
          syncIntervalSeconds: 3600
        \(tls.map { "  localTLS: \($0)" } ?? "")
        """
    }

    @Test func localTLSNode_servesHTTPS_withSecureCookies_andHSTS_andNotPlainHTTP() async throws {
        let network = try Self.network()
        let port = ServeProcess.freePort()
        let config = try network.node("17", extra: Self.networkSection(sync: ServeProcess.freePort(), listen: "127.0.0.1:\(port)", tls: "node",
                                                                       hosts: "17.baocao.test"))
        let added = try CommandRunner.run(["user", "add", "quantri", "--config", config, "--name", "Quản trị", "--role", "admin",
                                           "--password-stdin"], environment: [:], input: "mat-khau-quan-tri-2026\n", in: network.workspace.root)
        #expect(added.status == 0, "\(added.error)")
        let log = network.workspace.root.appendingPathComponent("serve.log")
        let serve = try ServeProcess(config: config, localPort: port, in: network.workspace.root, log: log)

        // By the name the certificate carries, reached on loopback.
        let browser = try HTTPSBrowser(root: network.workspace.path("pki/root.pem"), resolving: ["17.baocao.test": "127.0.0.1"])
        let origin = "https://17.baocao.test:\(port)"
        do {
            let form = try await browser.send("GET", "\(origin)/dang-nhap")
            #expect(form.status == 200)
            #expect(form.headers["strict-transport-security"] == ["max-age=31536000"])
            let csrfCookie = try #require(form.headers["set-cookie"].first { $0.hasPrefix("baocao_csrf_17=") })
            #expect(Self.attributes(csrfCookie).isSuperset(of: ["Secure", "HttpOnly", "SameSite=Strict"]), "\(csrfCookie)")

            let signedIn = try await browser.signIn(origin: origin, login: "quantri", password: "mat-khau-quan-tri-2026")
            #expect(signedIn.status == 303, "\(signedIn.body.prefix(300))")
            #expect(signedIn.headers["strict-transport-security"] == ["max-age=31536000"])
            let session = try #require(signedIn.headers["set-cookie"].first { $0.hasPrefix("baocao_phien_17=") })
            #expect(Self.attributes(session).isSuperset(of: ["Secure", "HttpOnly", "SameSite=Strict"]), "\(session)")
            let home = try await browser.send("GET", "\(origin)/")
            #expect(home.status == 200 && home.body.contains("Quản trị"), "\(home.status)")
            // The Host check still applies over HTTPS.
            let rebound = try await browser.send("GET", "\(origin)/dang-nhap", host: "attacker.example")
            #expect(rebound.status == 421)
        } catch {
            try await browser.shutdown()
            serve.stop()
            throw error
        }
        try await browser.shutdown()

        // Plain HTTP to that port gets no page at all.
        #expect(throws: (any Error).self) { try LocalWebClient(port: port).get("/dang-nhap") }
        serve.stop()
        #expect(try String(contentsOf: log, encoding: .utf8).contains("cục bộ https://127.0.0.1:\(port)"))
    }

    /// A certificate and key the province provides (here issued by the development CA for
    /// `web.tinh.baocao.test`): the port shows that certificate, not the node's own.
    @Test func localTLSFiles_showTheConfiguredCertificate() async throws {
        let network = try Self.network()
        let csr = try network.run(["pki", "csr", "--unit", "17", "--name", "Giao diện web Tỉnh Hòa Bình", "--key-out", "web.key",
                                   "--csr-out", "web.csr", "--key-type", "ec"])
        #expect(csr.status == 0, "\(csr.error)")
        let issued = try network.run(["pki", "issue", "--ca", "pki", "--csr", "web.csr", "--unit", "17", "--profile", "node",
                                      "--host", "web.tinh.baocao.test", "--out", "web.pem"])
        #expect(issued.status == 0, "\(issued.error)")
        let port = ServeProcess.freePort()
        let config = try network.node("17", extra: Self.networkSection(sync: ServeProcess.freePort(), listen: "127.0.0.1:\(port)",
                                                                       tls: "{certificate: ../web.pem, key: ../web.key}", hosts: "web.tinh.baocao.test"))
        let serve = try ServeProcess(config: config, localPort: port, in: network.workspace.root)
        defer { serve.stop() }

        let shown = try Self.shell("openssl s_client -connect 127.0.0.1:\(port) </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256")
        let configured = try Self.shell("openssl x509 -in '\(network.workspace.path("web.pem"))' -noout -fingerprint -sha256")
        let nodeOwn = try Self.shell("openssl x509 -in '\(network.workspace.path("pki/units/17/node.pem"))' -noout -fingerprint -sha256")
        #expect(shown.hasPrefix("sha256 Fingerprint=") && shown == configured && shown != nodeOwn, "\(shown) \(configured)")

        let browser = try HTTPSBrowser(root: network.workspace.path("pki/root.pem"), resolving: ["web.tinh.baocao.test": "127.0.0.1"])
        let health = try? await browser.send("GET", "https://web.tinh.baocao.test:\(port)/healthz")
        try await browser.shutdown()
        #expect(health?.status == 200 && health?.headers["strict-transport-security"] == ["max-age=31536000"])
    }

    /// TLS 1.2 and later only: a client offering TLS 1.1 at most is refused the handshake.
    @Test func localTLS_refusesTLS11() throws {
        let network = try Self.network()
        let port = ServeProcess.freePort()
        let config = try network.node("17", extra: Self.networkSection(sync: ServeProcess.freePort(), listen: "127.0.0.1:\(port)", tls: "node"))
        let serve = try ServeProcess(config: config, localPort: port, in: network.workspace.root)
        defer { serve.stop() }
        // SECLEVEL=0 lets this OpenSSL offer TLS 1.1 at all; the node must still refuse it.
        let old = try Self.shell("openssl s_client -connect 127.0.0.1:\(port) -tls1_1 -cipher DEFAULT@SECLEVEL=0 </dev/null >/dev/null 2>&1; echo $?")
        let current = try Self.shell("openssl s_client -connect 127.0.0.1:\(port) -tls1_2 </dev/null >/dev/null 2>&1; echo $?")
        #expect(old != "0" && current == "0", "TLS 1.1: \(old), TLS 1.2: \(current)")
    }

    /// The province's certificate as a PKCS#12 file, its password in the environment variable
    /// the configuration names: served; a wrong password or none is refused by `init` with
    /// the reason, before anything is created.
    @Test func localTLSPKCS12_servesWithItsPassword_andAWrongOneIsRefused() async throws {
        let network = try Self.network()
        #expect(try network.run(["pki", "csr", "--unit", "17", "--name", "Giao diện web Tỉnh Hòa Bình", "--key-out", "web.key",
                                 "--csr-out", "web.csr", "--key-type", "ec"]).status == 0)
        #expect(try network.run(["pki", "issue", "--ca", "pki", "--csr", "web.csr", "--unit", "17", "--profile", "node",
                                 "--host", "web.tinh.baocao.test", "--out", "web.pem"]).status == 0)
        _ = try Self.shell("cd '\(network.workspace.root.path)' && openssl pkcs12 -export -inkey web.key -in web.pem -out web.p12 -passout pass:mat-khau-p12")
        let port = ServeProcess.freePort()
        let tls = "{pkcs12: ../web.p12, passwordEnvironment: BAOCAO_WEB_P12}"
        try network.workspace.write("""
            unit: "17"
            dataDirectory: ../data/17
            topology: ../Topology/hoa-binh-2025-03-3-cap.csv
            catalog: catalog/kinh-te-xa-hoi.yaml
            trust:
              anchors: ../pki/root.pem
            \(Self.networkSection(sync: ServeProcess.freePort(), listen: "0.0.0.0:\(port)", tls: tls, hosts: "web.tinh.baocao.test"))
            """, to: "Config/node-17.yaml")
        let config = network.workspace.path("Config/node-17.yaml")
        let unset = try CommandRunner.run(["init", "--config", config], environment: [:], in: network.workspace.root)
        #expect(unset.status == 1 && unset.error.contains("Biến môi trường BAOCAO_WEB_P12"), "\(unset.error)")
        let wrong = try CommandRunner.run(["init", "--config", config], environment: ["BAOCAO_WEB_P12": "sai"], in: network.workspace.root)
        #expect(wrong.status == 1 && wrong.error.contains("network.localTLS") && wrong.error.contains("sai mật khẩu"), "\(wrong.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("data/17")))

        let right = try CommandRunner.run(["init", "--config", config], environment: ["BAOCAO_WEB_P12": "mat-khau-p12"], in: network.workspace.root)
        #expect(right.status == 0, "\(right.error)")
        let serve = try ServeProcess(config: config, localPort: port, in: network.workspace.root, environment: ["BAOCAO_WEB_P12": "mat-khau-p12"])
        defer { serve.stop() }
        let browser = try HTTPSBrowser(root: network.workspace.path("pki/root.pem"), resolving: ["web.tinh.baocao.test": "127.0.0.1"])
        let form = try? await browser.send("GET", "https://web.tinh.baocao.test:\(port)/dang-nhap")
        try await browser.shutdown()
        #expect(form?.status == 200 && form?.headers["strict-transport-security"] == ["max-age=31536000"])
    }

    /// Every address, no TLS: refused by `init` (which creates nothing) and by `serve`, naming
    /// the address and what to add.
    @Test func everyAddressWithoutTLS_isRefused_atInitAndServe() throws {
        let network = try Self.network()
        let port = ServeProcess.freePort()
        let plain = Self.networkSection(sync: ServeProcess.freePort(), listen: "0.0.0.0:\(port)", tls: nil)
        try network.workspace.write("""
            unit: "17"
            dataDirectory: ../data/17
            topology: ../Topology/hoa-binh-2025-03-3-cap.csv
            catalog: catalog/kinh-te-xa-hoi.yaml
            trust:
              anchors: ../pki/root.pem
            \(plain)
            """, to: "Config/node-17.yaml")
        let config = network.workspace.path("Config/node-17.yaml")
        let refused = try network.run(["init", "--config", config])
        #expect(refused.status == 1)
        #expect(refused.error.hasPrefix("Lỗi: ") && refused.error.contains("0.0.0.0:\(port) (network.localListen)")
                && refused.error.contains("localTLS: node"), "\(refused.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("data/17")))

        // Set up on the loopback, then opened to every address by hand: serve refuses to start.
        let loopback = try network.node("17", extra: Self.networkSection(sync: ServeProcess.freePort(), listen: "127.0.0.1:\(port)", tls: nil))
        let text = try String(contentsOfFile: loopback, encoding: .utf8).replacingOccurrences(of: "127.0.0.1:\(port)", with: "\"[::]:\(port)\"")
        try text.write(toFile: loopback, atomically: true, encoding: .utf8)
        let serve = try Self.runBounded(["serve", "--config", loopback], in: network.workspace.root, seconds: 60)
        #expect(serve.status == 1)
        #expect(serve.error.contains("[::]:\(port) (network.localListen)") && serve.error.contains("localTLS"), "\(serve.error)")
        #expect(!ServeProcess.isListening(port))

        // With localTLS the same address is taken by init.
        let opened = text.replacingOccurrences(of: "syncIntervalSeconds: 3600", with: "syncIntervalSeconds: 3600\n  localTLS: node")
        try opened.write(toFile: loopback, atomically: true, encoding: .utf8)
        let initialized = try network.run(["init", "--config", loopback])
        #expect(initialized.status == 0, "\(initialized.error)")
    }

    /// The loopback without TLS (the demo, one machine): served as before, with no `Secure`
    /// cookie (the browser would drop it) and no HSTS.
    @Test func loopbackWithoutTLS_staysPlainHTTP() throws {
        let network = try Self.network()
        let port = ServeProcess.freePort()
        let config = try network.node("17", extra: Self.networkSection(sync: ServeProcess.freePort(), listen: "127.0.0.1:\(port)", tls: nil))
        let serve = try ServeProcess(config: config, localPort: port, in: network.workspace.root)
        defer { serve.stop() }
        let form = try LocalWebClient(port: port).get("/dang-nhap")
        #expect(form.status == 200)
        #expect(!form.headers.contains { $0.0 == "strict-transport-security" })
        let cookie = try #require(form.headers.first { $0.0 == "set-cookie" && $0.1.hasPrefix("baocao_csrf_17=") }?.1)
        #expect(!Self.attributes(cookie).contains("Secure") && Self.attributes(cookie).contains("HttpOnly"), "\(cookie)")
    }

    static func attributes(_ setCookie: String) -> Set<String> {
        Set(setCookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Runs `baocao` and waits at most `seconds` for it to end (a `serve` that should have
    /// been refused but started is stopped, and fails the test, rather than hanging it).
    static func runBounded(_ arguments: [String], in directory: URL, seconds: Double) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errorFile = directory.appendingPathComponent("bounded-\(UUID().uuidString).err")
        try Data().write(to: errorFile)
        let handle = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let stillRunning = process.isRunning
        if stillRunning { process.terminate(); process.waitUntilExit() }
        try handle.close()
        let error = try String(contentsOf: errorFile, encoding: .utf8)
        return CommandRunner.Result(status: stillRunning ? -1 : process.terminationStatus, output: "", error: error)
    }

    /// A shell pipeline's standard output, trimmed.
    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A browser over HTTPS that trusts only the development root: keeps cookies and the
/// last page's CSRF token, and does not follow redirects (to see what sign-in sets).
final class HTTPSBrowser {
    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: String
    }

    private let client: HTTPClient
    private var cookies: [String: String] = [:]
    private var lastPage = ""

    /// `resolving`: host names and the addresses to connect to for them (no DNS on loopback).
    init(root: String, resolving: [String: String]) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.redirectConfiguration = .disallow
        configuration.dnsOverride = resolving
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws { try await client.shutdown() }

    func send(_ method: String, _ url: String, form: [(String, String)]? = nil, host: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        if let host { request.headers.replaceOrAdd(name: "Host", value: host) }
        if !cookies.isEmpty { request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let form {
            let body = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = String(buffer: try await response.body.collect(upTo: 4 << 20))
        for field in response.headers["set-cookie"] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            cookies[name] = value.isEmpty || field.contains("Max-Age=0") ? nil : value
        }
        if response.headers["content-type"].first?.hasPrefix("text/html") == true { lastPage = body }
        return Answer(status: Int(response.status.code), headers: response.headers, body: body)
    }

    /// Signs in through the form, with its CSRF token, as a person would.
    func signIn(origin: String, login: String, password: String) async throws -> Answer {
        _ = try await send("GET", "\(origin)/dang-nhap")
        let range = try #require(lastPage.range(of: #"name="_csrf" value="([^"]*)""#, options: .regularExpression))
        let csrf = String(lastPage[range].components(separatedBy: "value=\"").last!.dropLast())
        return try await send("POST", "\(origin)/dang-nhap", form: [("login", login), ("password", password), ("_csrf", csrf)])
    }
}
