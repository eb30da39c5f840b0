import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import BaoCaoWeb
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// The data-entry page of a 200-indicator form under 20 concurrent signed-in users, and
/// the node's peak RSS, against the issues' limits (50 ms for the page, 150 MB).
///
/// The page keeps the HTML of a draft's figures until they change (`EntryFormCache`),
/// so a page opened again unchanged measures the cache, not the rendering. Two phases:
///
/// - **Rendered**: each user saves one figure of their own draft (the form's POST, as a
///   browser sends it) and then opens the page (GET), over and over; only the GETs are
///   timed, by the benchmark's own HTTP client, and each page must show the figure just
///   saved — so none can have come from the cache. p95 and p99 of those GETs.
/// - **Cached**: `wrk --latency` (Debian's package) has the 20 users open one draft that
///   nobody changes; its p99, labelled as the cached case.
///
/// The node runs in a process of its own (`baocao-bench web-node`) so that its RSS is the
/// node's alone; its peak covers both phases.
struct WebBenchmark {
    static let indicators = 200
    static let users = 20
    static let password = "mat-khau-do-tai-2026"
    static let home: UnitCode = "04801"
    /// The issues' limit for the data-entry page, in milliseconds (p95 in issue 8, p99 in issue 6).
    static let pageLimit = 50.0

    /// Seconds each phase lasts.
    let duration: Int

    /// What ``prepare(_:)`` made: the draft nobody changes, and one draft per user.
    struct Drafts {
        let unchanged: Int64
        /// `own[n - 1]` is the draft of `nhaplieu<n>`.
        let own: [Int64]
    }

    /// Builds the node's data in `directory`: a catalog with one 200-indicator form, 20
    /// clerks, and 21 drafts of one regime with every figure filled: one for the cached
    /// case (2026-11) and one per clerk (the 20 months before it).
    static func prepare(_ directory: URL) throws -> Drafts {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
            ReportingUnit(code: "148", name: "Thành phố Hòa Bình", kind: .district, parentCode: "17"),
            ReportingUnit(code: home, name: "Phường Tân Hòa", kind: .commune, parentCode: "148"),
        ])
        let codes = (1...indicators).map { String(format: "CT%03d", $0) }
        let catalog = Catalog(
            indicators: codes.map { Indicator(code: $0, name: "Chỉ tiêu thống kê số \($0.dropFirst(2))", unitOfMeasure: "triệu đồng",
                                              valueType: .decimal, decimals: 1, required: true) },
            forms: [Form(code: "BENCH", title: "Biểu 200 chỉ tiêu", sections: stride(from: 0, to: indicators, by: 20).map { start in
                .init(code: "P\(start / 20 + 1)", title: "Phần \(start / 20 + 1)", rows: Array(codes[start..<start + 20]))
            })],
            regimes: [Regime(code: "BENCH-THANG", name: "Báo cáo đo tải", type: .periodic, frequency: .monthly,
                             deadlines: [DeadlineRule(senderKind: .commune, day: 16)], reporters: ReporterSelection(kinds: [.commune]), form: "BENCH")])
        let store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        _ = try store.initialize(homeUnit: home, topology: topology, catalog: catalog, at: Date())
        // The trust anchors every served node is configured with (`trust.anchors`).
        let pki = try DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: Date())
        try pki.root.certificate.pem.write(to: directory.appendingPathComponent("root.pem"))
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin, .dataEntry], password: password, by: nil, at: Date())
        let actor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
        for n in 1...users {
            try accounts.addUser(login: "nhaplieu\(n)", displayName: "Cán bộ \(n)", roles: [.dataEntry], password: password, by: actor, at: Date())
        }
        let work = NodeWork(runtime: try runtime(store: store, directory: directory), identity: nil)
        let reports = ReportService(work: work)
        // 2026-11, and the 20 months from 2025-03 to 2026-10.
        var periods: [Period] = ["2026-11"]
        for month in 2..<(users + 2) {
            periods.append(try Period.month(month % 12 + 1, year: 2025 + month / 12))
        }
        var drafts: [Int64] = []
        for period in periods {
            let report = try reports.create(regime: "BENCH-THANG", period: period, by: actor, at: Date())
            try reports.setValues(report: report.id!, codes.enumerated().map { ($1, "\(12_345 + $0 * 7),\($0 % 10)") }, by: actor, at: Date())
            drafts.append(report.id!)
        }
        return Drafts(unchanged: drafts[0], own: Array(drafts.dropFirst()))
    }

    /// The node as `baocao serve` runs it: with the trust anchors of its configuration.
    static func runtime(store: NodeStore, directory: URL) throws -> NodeRuntime {
        let anchors = try Data(contentsOf: directory.appendingPathComponent("root.pem"))
        return NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: home,
                           bootstrap: .init(anchorsPEM: anchors, pinnedPublishers: []), clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals)
    }

    /// The node alone: its web interface on a free port of loopback, until killed. Prints
    /// `READY <port>` once it listens.
    static func serve(_ directory: URL) async throws {
        let store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        // Every simulated clerk signs in from this one address: the per-address limit (10 a
        // minute) is for strangers, not for a benchmark of the pages behind sign-in.
        let web = try WebEnvironment(work: NodeWork(runtime: try runtime(store: store, directory: directory), identity: nil),
                                     security: SecurityPolicy(bcryptCost: 4), signInThrottle: SignInThrottle(attempts: 10_000))
        var logger = Logger(label: "web-node")
        logger.logLevel = .error
        let app = try LocalApplication.application(runtime: web.work.runtime, web: web, host: "127.0.0.1", port: 0, logger: logger) { port in
            print("READY \(port)")
            fflush(nil)
        }
        try await app.runService()
    }

    func run() async throws -> [BenchmarkRow] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let drafts = try Self.prepare(directory)
        let node = Process()
        node.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        node.arguments = ["web-node", directory.path]
        let ready = Pipe()
        node.standardOutput = ready
        let lifeline = Pipe()   // the node exits when this closes (ChildProcess)
        node.standardInput = lifeline
        try node.run()
        defer { node.terminate(); node.waitUntilExit(); try? lifeline.fileHandleForWriting.close() }
        var announced = ""
        while !announced.contains("\n") {
            let chunk = ready.fileHandleForReading.availableData   // blocks until the node writes
            guard !chunk.isEmpty else { throw BenchFailure("the web node ended before it listened") }
            announced += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = announced.split(separator: "\n").first.flatMap({ $0.hasPrefix("READY ") ? Int($0.dropFirst(6)) : nil }) else {
            throw BenchFailure("the web node said \(announced)")
        }

        // Twenty people sign in through the form, as browsers would.
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // One connection per person, as 20 browsers have: no request waits for the client's pool.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: Self.users)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let rendered: Editing.Outcome
        var cookies: [String] = []
        do {
            var editors: [Editing.Editor] = []
            for n in 1...Self.users {
                let cookie = try await Self.signIn(http, port: port, login: "nhaplieu\(n)")
                cookies.append(cookie)
                editors.append(try await Editing.Editor(http, port: port, cookie: cookie, report: drafts.own[n - 1], number: n))
            }
            // Rendered: every page opened right after its draft's figures changed.
            rendered = try await Editing(http: http, port: port, duration: .seconds(duration)).run(editors)
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
        print("web, rendered: \(rendered.pages.count) pages timed (GET after each user's own save), every one showing the figure just saved; "
              + "saves (POST, not timed against the limit): p95 \(Self.format(Editing.percentile(95, of: rendered.saves))) ms")

        // Cached: the 20 users open one draft nobody changes, with wrk.
        let text = try wrk(cookies: cookies, path: "/bao-cao/\(drafts.unchanged)", port: port, directory: directory)
        print(text)
        guard let cachedP99 = Self.latency(text, percentile: "99%") else { throw BenchFailure("no p99 in wrk's output") }
        guard !text.contains("Non-2xx") else { throw BenchFailure("some pages were not served (Non-2xx in wrk's output)") }
        let rss = try Self.peakRSS(pid: node.processIdentifier)
        let p95 = Editing.percentile(95, of: rendered.pages), p99 = Editing.percentile(99, of: rendered.pages)
        return [
            BenchmarkRow(name: "data-entry page p95, 20 users, each GET right after that draft was saved (rendered, not cached)",
                         figure: p95, unit: "ms", reference: Self.pageLimit, referenceName: "limit on p95 (issue 8)",
                         goalRatio: 0, lowerIsBetter: true, goalMaximum: 1),
            BenchmarkRow(name: "data-entry page p99, 20 users, each GET right after that draft was saved (rendered, not cached)",
                         figure: p99, unit: "ms", reference: Self.pageLimit, referenceName: "limit on p99 (issue 6)",
                         goalRatio: 0, lowerIsBetter: true, goalMaximum: 1),
            BenchmarkRow(name: "data-entry page p99, 20 users, one unchanged draft (cached case, wrk)",
                         figure: cachedP99, unit: "ms", reference: Self.pageLimit, referenceName: "limit on p99 (issue 6)",
                         goalRatio: 0, lowerIsBetter: true, goalMaximum: 1),
            BenchmarkRow(name: "web node peak RSS (both cases)", figure: rss, unit: "MB", reference: 150, referenceName: "limit (issue 6)",
                         goalRatio: 0, lowerIsBetter: true, goalMaximum: 1),
        ]
    }

    static func signIn(_ http: HTTPClient, port: Int, login: String) async throws -> String {
        let form = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/dang-nhap"), timeout: .seconds(10))
        let preSession = form.headers["set-cookie"].first?.split(separator: ";").first.map(String.init) ?? ""
        let page = String(buffer: try await form.body.collect(upTo: 1 << 20))
        guard let token = csrfToken(in: page) else { throw BenchFailure("no sign-in form") }
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/dang-nhap")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "cookie", value: preSession)
        request.body = .bytes(ByteBuffer(string: formEncoded(["_csrf": token, "login": login, "password": password])))
        let response = try await http.execute(request, timeout: .seconds(10))
        guard let cookie = response.headers["set-cookie"].first(where: { $0.hasPrefix("baocao_phien_") })?.split(separator: ";").first else {
            throw BenchFailure("\(login) could not sign in (\(response.status))")
        }
        return String(cookie)
    }

    /// The CSRF token of the first form in a page.
    static func csrfToken(in page: String) -> String? {
        page.range(of: #"name="_csrf" value="[^"]*""#, options: .regularExpression)
            .map { String(String(page[$0]).components(separatedBy: "value=\"")[1].dropLast()) }
    }

    /// An `application/x-www-form-urlencoded` body.
    static func formEncoded(_ fields: KeyValuePairs<String, String>) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }.joined(separator: "&")
    }

    static func format(_ milliseconds: Double) -> String { String(format: "%.1f", milliseconds) }

    /// VmHWM of a process, in MB.
    static func peakRSS(pid: Int32) throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { throw BenchFailure("no VmHWM") }
        return kb / 1024
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
