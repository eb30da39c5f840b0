import BaoCaoCore
import BaoCaoTesting
import Foundation
import Testing

/// A `baocao` command started in the background, so that it can be killed at a chosen
/// moment. Its output goes to a file, so a full pipe never blocks it.
final class BackgroundCommand {
    let process = Process()
    let arguments: [String]
    private let outputFile: URL

    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        self.arguments = arguments
        outputFile = directory.appendingPathComponent("logs/cmd-\(UUID().uuidString).txt")
        try FileManager.default.createDirectory(at: outputFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: outputFile)
        let handle = try FileHandle(forWritingTo: outputFile)
        defer { try? handle.close() }
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment
            .filter { !["BAOCAO_PASSWORD", "BAOCAO_NEW_PASSWORD", "BAOCAO_CRASH_AT"].contains($0.key) }
            .merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Waits up to `seconds` for the command to end; whether it did.
    @discardableResult
    func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { return false }
        process.waitUntilExit()
        return true
    }

    /// `kill -9`; whether it was still running when the signal went.
    @discardableResult
    func kill9() -> Bool {
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return true
    }

    var status: Int32 { process.isRunning ? -1 : process.terminationStatus }
    /// Whether it ended by a signal (killed) rather than exiting.
    var wasKilled: Bool { !process.isRunning && process.terminationReason == .uncaughtSignal }
    var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
}

extension ServeProcess {
    /// `kill -9`, waiting for it; whether it was running.
    @discardableResult
    func killNow() -> Bool {
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return true
    }
}

/// A province (17), a district (157) and a commune (05290) with real TLS on loopback:
/// the province and the district run `baocao serve`, the commune syncs by `baocao sync`.
/// Every node has an all-roles account `quantri`, so reports can be written, signed and
/// sent, and the audit chain read, from the command line.
final class CrashRoundNetwork {
    static let province = "17", district = "157", commune = "05290"
    static let units = [province, district, commune]
    static let parents = [district: province, commune: district]
    static let password = "mat-khau-kiem-thu-2026"
    /// Servers whose loops relay to their parent, and how often (seconds).
    static let served = [province, district]

    let network: SignedNetwork
    private(set) var configs: [String: String] = [:]
    private(set) var ports: [String: (sync: Int, local: Int)] = [:]
    private var serves: [String: ServeProcess] = [:]
    private var background: [BackgroundCommand] = []
    private var nextPeriod = 0
    /// What the commune made and queued upward: bundle kind → how many.
    private(set) var queued: [String: Int] = [:]

    var root: URL { network.workspace.root }

    init() throws {
        network = try SignedNetwork(units: [Self.district, Self.commune])
        try network.workspace.write(PermissionMatrixTests.catalog, to: "Config/catalog/nho.yaml")
        var used: Set<Int> = []
        func port() -> Int {
            while true {
                let candidate = ServeProcess.freePort()
                if used.insert(candidate).inserted { return candidate }
            }
        }
        for unit in Self.units { ports[unit] = (port(), port()) }
        for unit in Self.units {
            let config = try network.node(unit, catalog: "catalog/nho.yaml", extra: "security:\n  bcryptCost: 4")
            var text = try String(contentsOfFile: config, encoding: .utf8)
            text += """

                network:
                  syncListen: 127.0.0.1:\(ports[unit]!.sync)
                  localListen: 127.0.0.1:\(ports[unit]!.local)
                  certificate: ../pki/units/\(unit)/node.pem
                  key: ../pki/units/\(unit)/node.key
                  syncIntervalSeconds: 2
                \(Self.parents[unit].map { SampleReportCommand.parentLines($0, port: ports[$0]!.sync) } ?? "")

                """
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            configs[unit] = config
            try must(["user", "add", "quantri", "--name", "Quản trị", "--role", "admin", "aggregator", "approver", "dataEntry",
                      "--password-stdin", "--config", config], as: nil)
        }
        try must(["release", "publish", "--config", configs[Self.province]!], as: nil)
    }

    // MARK: - Commands

    @discardableResult
    func run(_ arguments: [String], as login: String? = "quantri", crashAt: String? = nil) throws -> CommandRunner.Result {
        var environment = ["BAOCAO_NEW_PASSWORD": Self.password, "BAOCAO_PASSWORD": Self.password]
        if let crashAt { environment["BAOCAO_CRASH_AT"] = crashAt }
        return try CommandRunner.run(arguments + (login.map { ["--user", $0] } ?? []), environment: environment,
                                     input: Self.password + "\n", in: root)
    }

    @discardableResult
    func must(_ arguments: [String], as login: String? = "quantri") throws -> String {
        let result = try run(arguments, as: login)
        guard result.status == 0 else {
            throw SignedNetwork.CLIFailure("\(arguments.joined(separator: " ")) → \(result.status): \(result.output) \(result.error)")
        }
        return result.output
    }

    /// Starts `baocao ARGUMENTS` in the background (no account; sync, export and import need none).
    func start(_ arguments: [String], crashAt: String? = nil) throws -> BackgroundCommand {
        let command = try BackgroundCommand(arguments, in: root, environment: crashAt.map { ["BAOCAO_CRASH_AT": $0] } ?? [:])
        background.append(command)
        return command
    }

    /// Runs a command until it succeeds, up to `attempts` times (a node it talks to may
    /// still be coming back); the last result.
    @discardableResult
    func retry(_ arguments: [String], attempts: Int = 8) throws -> CommandRunner.Result {
        var last = try run(arguments, as: nil)
        var attempt = 1
        while last.status != 0, attempt < attempts {
            Thread.sleep(forTimeInterval: 1)
            last = try run(arguments, as: nil)
            attempt += 1
        }
        return last
    }

    func sync(_ unit: String) throws -> CommandRunner.Result {
        try run(["sync", "--config", configs[unit]!], as: nil)
    }

    // MARK: - Servers

    func log(_ unit: String) -> URL { root.appendingPathComponent("logs/serve-\(unit).txt") }

    /// Starts (or restarts) a node's server, optionally armed to die at a named point.
    func startServe(_ unit: String, crashAt: String? = nil) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("logs"), withIntermediateDirectories: true)
        let serve: ServeProcess
        do {
            serve = try ServeProcess(config: configs[unit]!, localPort: ports[unit]!.local, in: root, crashAt: crashAt, log: log(unit))
        } catch {
            let tail = (try? String(contentsOf: log(unit), encoding: .utf8))?.suffix(1500) ?? ""
            throw SignedNetwork.CLIFailure("\(error); its log ends: \(tail)")
        }
        serves[unit] = serve
        let deadline = Date().addingTimeInterval(30)
        while !ServeProcess.isListening(ports[unit]!.sync), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard ServeProcess.isListening(ports[unit]!.sync) else { throw SignedNetwork.CLIFailure("serve \(unit) not listening for sync") }
    }

    func isServing(_ unit: String) -> Bool { serves[unit]?.process.isRunning ?? false }

    /// `kill -9` of a node's server; whether it was running.
    @discardableResult
    func killServe(_ unit: String) -> Bool {
        serves[unit]?.killNow() ?? false
    }

    /// Waits for an armed server to die at its point; whether it did.
    func waitForServeDeath(_ unit: String, seconds: Double) -> Bool {
        serves[unit]?.waitForExit(seconds: seconds) ?? true
    }

    /// Stops a server with SIGINT (to re-arm it), waiting for it.
    func stopServe(_ unit: String) {
        serves[unit]?.stop()
    }

    /// Kills everything this network started: servers and background commands.
    func shutdown() {
        for command in background { command.kill9() }
        background.removeAll()
        for unit in Self.served { killServe(unit) }
    }

    // MARK: - Work for the rounds

    /// A fresh monthly period for each report.
    func period() -> String {
        nextPeriod += 1
        return String(format: "%04d-%02d", 2000 + nextPeriod / 12, nextPeriod % 12 + 1)
    }

    enum Payload: String, CaseIterable {
        /// A signed report revision for the district (archived up to the province).
        case report
        /// A small report straight to the province (with an attached file), relayed by the district.
        case transfer
        /// The same with an attachment of more than 1 MiB: resumable upload (tus).
        case largeTransfer = "large-transfer"
    }

    /// Makes a payload at the commune and queues it upward.
    func queue(_ payload: Payload, using generator: inout SeededGenerator) throws {
        let commune = configs[Self.commune]!
        switch payload {
        case .report:
            let created = try must(["report", "new", "R1", period(), "--config", commune])
            guard let match = created.firstMatch(of: /số (\d+):/) else { throw SignedNetwork.CLIFailure("no report number in \(created)") }
            let id = String(match.output.1)
            try must(["report", "set", id, "NN01=\(Int.random(in: 1...9_999, using: &generator))", "TC01=1", "--config", commune])
            for section in ["A", "B"] { try must(["report", "approve-section", id, section, "--config", commune]) }
            for step in ["submit", "approve", "send"] { try must(["report", step, id, "--config", commune]) }
        case .transfer, .largeTransfer:
            let size = payload == .largeTransfer ? (5 << 18) : 2_000   // 1.25 MiB or 2 kB
            let bytes = (0..<(size / 8)).map { _ in generator.next() }.withUnsafeBytes { Data($0) }
            try bytes.write(to: root.appendingPathComponent("attachment.bin"))
            nextPeriod += 1
            let (report, about) = try SampleReport.document(unit: UnitCode(parsing: Self.commune), regime: "R1",
                                                            month: nextPeriod % 12 + 1, year: 2000 + nextPeriod / 12, attachment: bytes)
            try report.write(to: root.appendingPathComponent("report.json"))
            try must(["bundle", "create", "--kind", "report", "--config", commune, "--to", Self.province,
                      "--part", "report.json=\(root.appendingPathComponent("report.json").path)",
                      "--part", "attachments/1=\(root.appendingPathComponent("attachment.bin").path)"]
                     + about.sorted { $0.key < $1.key }.flatMap { ["--about", "\($0.key)=\($0.value)"] }, as: nil)
        }
        queued[payload == .report ? "report" : "transfer", default: 0] += 1
    }

    // MARK: - Looking at the databases

    func database(_ unit: String) -> String { network.workspace.path("data/\(unit)/baocao.sqlite") }

    /// Rows of a query by the `sqlite3` tool, read-only; any error of the tool throws, so
    /// that no check passes on an empty answer.
    func query(_ unit: String, _ sql: String) throws -> [String] {
        try query(database: database(unit), sql)
    }

    /// The same on any database file (a node's bundle pack).
    func query(database path: String, _ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", "-cmd", ".timeout 10000", path, sql]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, error.isEmpty else {
            throw SignedNetwork.CLIFailure("sqlite3 \(path) \(sql): \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func count(_ unit: String, _ sql: String) throws -> Int {
        Int(try query(unit, sql).first ?? "") ?? -1
    }

    /// Deliveries still waiting for a node of this network (releases also wait for every
    /// other unit of the province, whose nodes never run here).
    func pendingDeliveries(_ unit: String) throws -> Int {
        try count(unit, "SELECT COUNT(*) FROM delivery WHERE state = 'pending' AND destination IN ('\(Self.units.joined(separator: "', '"))')")
    }
}
