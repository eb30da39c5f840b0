import AsyncHTTPClient
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import NIOCore
import NIOHTTP1

/// `baocao host` with 200 commune nodes (issue 23), beside one commune's node alone in the
/// same run: start-up time, idle CPU, memory per hosted node, and sign-in and data-entry p95
/// with 20 users — spread over 20 hosted communes, all on the lone node.
///
/// The network is real and built as a province builds one: the province of the official
/// three-level list (before the 2025 reform) with the most communes, its node, the districts
/// over the first 200 of its communes and those communes, each node made by `baocao init`
/// from its own configuration with its own keys (a development PKI, ECDSA P-256), the
/// province's first release published with `baocao release publish`. Everything runs in one
/// `baocao host` process, each node syncing with its parent (hosted beside it) every minute.
/// The lone node is one of those communes under `baocao serve`, its district not running.
struct HostBenchmark {
    let unitsFile: URL
    /// The `baocao` binary: beside this one (`swift build` makes both).
    let baocao = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("baocao")
    let communes = 200
    let users = 20
    /// A whole sync interval (the nodes' default, 60 s), so every node's round falls in it once.
    let idleSeconds = 60
    let loadSeconds = 20
    static let password = "mat-khau-do-tai-2026"
    /// Indicators of the monthly socio-economic form that take whole numbers, typed in turn.
    static let wholeNumberCodes = ["NN07", "NN08", "NN09", "NN10", "TM02", "TM03"]
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-host-\(UUID().uuidString)")

    /// What one of the two runs measured.
    struct Measure {
        var startup = 0.0
        /// From the address answering to the first five seconds under 5 % of a core, at least
        /// one sync interval: every node's first rounds (the province's release reaching each) done.
        var settled = 0.0
        var idleCPU = 0.0
        var rss = 0.0
        var signIn: [Double] = []
        var pages: [Double] = []
    }

    func run() async throws -> [BenchmarkRow] {
        defer { try? FileManager.default.removeItem(at: directory) }
        guard FileManager.default.isExecutableFile(atPath: baocao.path) else { throw BenchFailure("no baocao binary at \(baocao.path)") }
        let network = try prepare()
        defer { fflush(nil) }
        print("host: \(network.hosted.count) nodes (province \(network.province.code) \(network.province.name), "
              + "\(network.hosted.count - communes - 1) districts, \(communes) communes) made in \(directory.path)")
        let webPort = 29_880
        let hostPeople = (0..<users).map { n in
            let unit = network.chosen[n], login = "nhaplieu\(n + 1)"
            return Person(base: "http://127.0.0.1:\(webPort)/\(unit)", login: login, draft: network.drafts[unit]![login]!)
        }
        let host = try await measure(["host", "--config", network.hostFile], port: webPort, ready: "Nhấn Ctrl-C", people: hostPeople)
        let lonePort = 29_881
        let lonePeople = (0..<users).map { n in
            let login = "nhaplieu\(n + 1)"
            return Person(base: "http://127.0.0.1:\(lonePort)", login: login, draft: network.drafts[network.chosen[0]]![login]!)
        }
        let alone = try await measure(["serve", "--config", network.loneFile], port: lonePort, ready: "Nhấn Ctrl-C", people: lonePeople)
        fflush(nil)
        let nodes = Double(network.hosted.count)
        let perNode = (host.rss - alone.rss) / (nodes - 1)
        let p95 = { (values: [Double]) in WebBenchmark.Editing.percentile(95, of: values) }
        print(String(format: "host: %.0f nodes, RSS %.0f MB (alone %.0f MB); idle CPU %.2f %% (alone %.2f %%); start-up %.1f s (alone %.1f s)",
                     nodes, host.rss, alone.rss, host.idleCPU, alone.idleCPU, host.startup, alone.startup))
        return [
            BenchmarkRow(name: "memory per hosted node beyond the first (\(Int(nodes)) nodes: RSS \(Int(host.rss)) MB − one node alone \(Int(alone.rss)) MB)",
                         figure: perNode, unit: "MB", reference: 10, referenceName: "limit (issue 23)", goalRatio: 0, lowerIsBetter: true, goalMaximum: 1),
            BenchmarkRow(name: "sign-in p95, 20 users over 20 hosted communes", figure: p95(host.signIn), unit: "ms",
                         reference: p95(alone.signIn), referenceName: "20 users on one node alone", goalRatio: 0, lowerIsBetter: true,
                         goalMaximum: 1.5, goalWording: "≤ 1.5 × alone"),
            BenchmarkRow(name: "data-entry page p95 (rendered after each save), 20 users over 20 hosted communes", figure: p95(host.pages), unit: "ms",
                         reference: p95(alone.pages), referenceName: "20 users on one node alone", goalRatio: 0, lowerIsBetter: true,
                         goalMaximum: 1.5, goalWording: "≤ 1.5 × alone"),
            BenchmarkRow(name: "start-up until the address answers, \(Int(nodes)) hosted nodes", figure: host.startup, unit: "s",
                         reference: alone.startup, referenceName: "one node alone", goalRatio: 0, lowerIsBetter: true,
                         goalMaximum: .infinity, goalWording: "(measured, no goal)"),
            BenchmarkRow(name: "idle CPU over \(idleSeconds) s (one sync interval) once settled (\(Int(host.settled)) s after start-up), \(Int(nodes)) hosted nodes", figure: host.idleCPU, unit: "% of a core",
                         reference: max(alone.idleCPU, 0.01), referenceName: "one node alone", goalRatio: 0, lowerIsBetter: true,
                         goalMaximum: .infinity, goalWording: "(measured, no goal)"),
        ]
    }

    /// One of the 20 users: where their unit's pages are, their login, their own draft.
    struct Person: Sendable {
        let base: String
        let login: String
        let draft: Int64
    }

    /// Starts `arguments`, waits for `ready` on its output, then measures it idle and under `people`.
    private func measure(_ arguments: [String], port: Int, ready: String, people everyone: [Person]) async throws -> Measure {
        var outcome = Measure()
        let process = Process()
        process.executableURL = baocao
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["BAOCAO_LOG_LEVEL": "error"]) { $1 }
        // Its output goes to a file, read for `ready`: a pipe nobody reads once it has
        // started would fill with its log lines and stop it mid-write.
        let log = directory.appendingPathComponent("\(arguments[0])-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        let started = Date()
        try process.run()
        defer {
            process.interrupt()
            process.waitUntilExit()
            try? output.close()
        }
        while true {
            let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if printed.contains(ready) { break }
            guard process.isRunning else { throw BenchFailure("baocao \(arguments.joined(separator: " ")) ended before it listened: \(printed.suffix(2000))") }
            try await Task.sleep(for: .milliseconds(50))
        }
        outcome.startup = Date().timeIntervalSince(started)
        // The first sync rounds (each node taking the province's release in) and what start-up
        // leaves running settle, then the node is idle.
        let answered = Date()
        try await Task.sleep(for: .seconds(60))
        while Date().timeIntervalSince(answered) < 240 {
            let start = try Self.cpuSeconds(pid: process.processIdentifier)
            try await Task.sleep(for: .seconds(5))
            if (try Self.cpuSeconds(pid: process.processIdentifier) - start) / 5 < 0.05 { break }
        }
        outcome.settled = Date().timeIntervalSince(answered)
        let before = try Self.cpuSeconds(pid: process.processIdentifier)
        try await Task.sleep(for: .seconds(idleSeconds))
        outcome.idleCPU = (try Self.cpuSeconds(pid: process.processIdentifier) - before) / Double(idleSeconds) * 100
        outcome.rss = try Self.rss(pid: process.processIdentifier)

        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: users)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            // Each person signs in three times, all at once; each sign-in timed from the form's POST to its answer.
            outcome.signIn = try await withThrowingTaskGroup(of: [Double].self) { group in
                for person in everyone {
                    group.addTask {
                        var times: [Double] = []
                        for _ in 0..<3 { times.append(try await Self.signIn(http, base: person.base, login: person.login).milliseconds) }
                        return times
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            var editors: [WebBenchmark.Editing.Editor] = []
            for (number, person) in everyone.enumerated() {
                let session = try await Self.signIn(http, base: person.base, login: person.login)
                editors.append(try await .init(http, port: port, cookie: session.cookie, report: person.draft, number: number + 1, base: person.base))
            }
            var editing = WebBenchmark.Editing(http: http, port: port, duration: .seconds(loadSeconds))
            editing.codes = Self.wholeNumberCodes
            editing.wholeNumbers = true
            outcome.pages = try await editing.run(editors).pages
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
        outcome.rss = max(outcome.rss, try Self.rss(pid: process.processIdentifier))
        print(String(format: "%@: start-up %.1f s, settled %.0f s later, idle CPU %.2f %%, RSS %.0f MB, sign-in p95 %.0f ms (%d), data-entry page p95 %.1f ms (%d)",
                     arguments[0], outcome.startup, outcome.settled, outcome.idleCPU, outcome.rss, WebBenchmark.Editing.percentile(95, of: outcome.signIn),
                     outcome.signIn.count, WebBenchmark.Editing.percentile(95, of: outcome.pages), outcome.pages.count))
        fflush(nil)
        return outcome
    }

    /// Signs in through the form at `base`; the session cookie and the POST's time.
    static func signIn(_ http: HTTPClient, base: String, login: String) async throws -> (cookie: String, milliseconds: Double) {
        let form = try await http.execute(HTTPClientRequest(url: base + "/dang-nhap"), timeout: .seconds(30))
        let preSession = form.headers["set-cookie"].first { $0.hasPrefix("baocao_csrf_") }?.split(separator: ";").first.map(String.init) ?? ""
        let page = String(buffer: try await form.body.collect(upTo: 1 << 20))
        guard let token = WebBenchmark.csrfToken(in: page) else { throw BenchFailure("no sign-in form at \(base)") }
        var request = HTTPClientRequest(url: base + "/dang-nhap")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "cookie", value: preSession)
        request.body = .bytes(ByteBuffer(string: WebBenchmark.formEncoded(["_csrf": token, "login": login, "password": password])))
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await http.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 20)
        let elapsed = WebBenchmark.Editing.milliseconds(clock.now - start)
        guard let cookie = response.headers["set-cookie"].first(where: { $0.hasPrefix("baocao_phien_") })?.split(separator: ";").first else {
            throw BenchFailure("\(login) could not sign in at \(base) (\(response.status))")
        }
        return (String(cookie), elapsed)
    }

    /// utime + stime of a process, in seconds.
    static func cpuSeconds(pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The fields after the command's closing parenthesis: state is the 3rd, utime the 14th, stime the 15th.
        guard let close = stat.lastIndex(of: ")") else { throw BenchFailure("unreadable /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { throw BenchFailure("unreadable /proc/\(pid)/stat") }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// VmRSS of a process, in MB.
    static func rss(pid: Int32) throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { throw BenchFailure("no VmRSS") }
        return kb / 1024
    }
}
