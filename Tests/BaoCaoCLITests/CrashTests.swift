import Foundation
import Testing

/// A `baocao serve` process, and the ports it listens on.
final class ServeProcess {
    let process = Process()
    let localPort: Int

    /// With `log`, the node's output is appended to that file (for reading after a failure).
    init(config: String, localPort: Int, in directory: URL, crashAt: String? = nil, environment extra: [String: String] = [:], log: URL? = nil) throws {
        self.localPort = localPort
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--config", config]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["BAOCAO_CRASH_AT"] = crashAt
        process.environment = environment.merging(extra) { $1 }
        if let log {
            if !FileManager.default.fileExists(atPath: log.path) { try Data().write(to: log) }
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        try waitUntilUp()
    }

    private func waitUntilUp() throws {
        // Up to 30 seconds: a debug build on two busy cores can be slow to start.
        for _ in 0..<300 {
            if !process.isRunning { throw SignedNetwork.CLIFailure("serve exited (\(process.terminationStatus)) before listening on \(localPort)") }
            if Self.isListening(localPort) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw SignedNetwork.CLIFailure("serve did not start on \(localPort)")
    }

    static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port nobody listens on now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits for the process to die (a crash point) or kills it.
    func waitForExit(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return !process.isRunning
    }

    func stop() {
        if process.isRunning { process.interrupt() }
        _ = waitForExit(seconds: 10)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

@Suite("Crash safety: the receiver killed at named points", .serialized)
struct CrashTests {
    /// Province, district and commune with network sections; returns their configs and ports.
    static func network() throws -> (SignedNetwork, [String: (config: String, sync: Int, local: Int)]) {
        let network = try SignedNetwork(units: ["157", "05290"])
        var nodes: [String: (String, Int, Int)] = [:]
        let ports = ["17": (ServeProcess.freePort(), ServeProcess.freePort()), "157": (ServeProcess.freePort(), ServeProcess.freePort()),
                     "05290": (ServeProcess.freePort(), ServeProcess.freePort())]
        let parents = ["157": "17", "05290": "157"]
        for unit in ["17", "157", "05290"] {
            let config = try network.node(unit)
            let (sync, local) = ports[unit]!
            var text = try String(contentsOfFile: config, encoding: .utf8)
            text += """

                network:
                  syncListen: 127.0.0.1:\(sync)
                  localListen: 127.0.0.1:\(local)
                  certificate: ../pki/units/\(unit)/node.pem
                  key: ../pki/units/\(unit)/node.key
                  syncIntervalSeconds: 1
                \(parents[unit].map { SampleReportCommand.parentLines($0, port: ports[$0]!.0) } ?? "")

                """
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            nodes[unit] = (config, sync, local)
        }
        return (network, nodes)
    }

    static func count(_ network: SignedNetwork, _ unit: String, _ sql: String) throws -> String {
        try SQLiteShell.query(network.workspace.path("data/\(unit)/baocao.sqlite"), sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes a report of `size` bytes at the commune and queues it for the district.
    static func queueReport(_ network: SignedNetwork, config: String, size: Int) throws {
        let created = try network.run(SampleReportCommand.arguments(in: network.workspace.root, config: config, to: "17",
                                                                    attachment: SampleReportCommand.attachment(bytes: size)))
        guard created.status == 0 else { throw SignedNetwork.CLIFailure(created.error) }
    }

    /// The district dies at `point` while taking in the commune's bundle; after a restart
    /// and the commune's retry, the bundle is held exactly once all the way up, and every
    /// database passes `integrity_check`.
    @Test(arguments: [
        ("upload-written-not-flushed", 3 << 20),
        ("upload-flushed-not-recorded", 3 << 20),
        ("ingest-committed-not-answered", 2000),
        ("relay-sent-not-acknowledged", 2000),
    ])
    func receiverKilled_atPoint_bundleHeldExactlyOnce(point: String, size: Int) throws {
        let (network, nodes) = try Self.network()
        let province = try ServeProcess(config: nodes["17"]!.config, localPort: nodes["17"]!.local, in: network.workspace.root)
        defer { province.stop() }
        #expect(try network.run(["release", "publish", "--config", nodes["17"]!.config]).status == 0)
        try Self.queueReport(network, config: nodes["05290"]!.config, size: size)

        var district = try ServeProcess(config: nodes["157"]!.config, localPort: nodes["157"]!.local, in: network.workspace.root, crashAt: point)
        if point == "relay-sent-not-acknowledged" {
            #expect(try network.run(["sync", "--config", nodes["05290"]!.config]).status == 0)
        } else {
            let cut = try network.run(["sync", "--config", nodes["05290"]!.config])   // the district died under it
            #expect(cut.status == 1, "\(cut.output) \(cut.error)")
            // Where the district died decides how the link broke; every way is said in Vietnamese,
            // with none of the transport's own English.
            #expect(cut.error.hasPrefix("Lỗi: Không đồng bộ được với nút cấp trên https://157.baocao.test:"), "\(cut.error)")
            #expect(cut.error.hasSuffix(". Dữ liệu chờ gửi vẫn được giữ; hãy thử lại hoặc dùng baocao export.\n"), "\(cut.error)")
            let clauses = ["kết nối bị ngắt giữa chừng", "nút cấp trên không nhận kết nối (chưa chạy, hoặc sai địa chỉ, cổng)",
                           "nút cấp trên không trả lời trong thời hạn (đường truyền chậm hoặc bị gián đoạn)"]
            #expect(clauses.contains { cut.error.contains(": \($0). Dữ liệu") }, "\(cut.error)")
            #expect(!cut.error.contains("Error") && !cut.error.contains("errno"), "\(cut.error)")
        }
        #expect(district.waitForExit(seconds: 20), "the district should have died at \(point)")

        district = try ServeProcess(config: nodes["157"]!.config, localPort: nodes["157"]!.local, in: network.workspace.root)
        defer { district.stop() }
        let retry = try network.run(["sync", "--config", nodes["05290"]!.config])
        #expect(retry.status == 0, "\(retry.output) \(retry.error)")

        // The district's loop forwards it; wait for the province to hold it.
        let deadline = Date().addingTimeInterval(20)
        while try Self.count(network, "17", "SELECT COUNT(*) FROM bundle WHERE kind = 'report'") != "1", Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(try Self.count(network, "17", "SELECT COUNT(*) FROM bundle WHERE kind = 'report'") == "1")
        #expect(try Self.count(network, "157", "SELECT COUNT(*) FROM bundle WHERE kind = 'report'") == "1")
        #expect(try Self.count(network, "05290", "SELECT COUNT(*) FROM delivery WHERE direction = 'up' AND state = 'pending'") == "0")
        for unit in ["17", "157", "05290"] {
            #expect(try Self.count(network, unit, "PRAGMA integrity_check") == "ok", "\(unit)")
        }
    }
}
