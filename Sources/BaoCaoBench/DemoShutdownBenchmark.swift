import Foundation
import Glibc
import Synchronization

/// The demo network's graceful stop: `baocao demo` — the `baocao` built beside this
/// benchmark, release from `Scripts/bench` — in a temporary folder on free ports; once
/// it prints "Nhấn Ctrl-C" (every node made and started) and every child node holds its
/// sync connection to its parent (the idle TLS connections that once made each parent
/// wait out NIOSSL's five-second close_notify: 17 s for seven nodes), SIGINT as Ctrl-C
/// sends it, timed until the process has exited — the moment its termination handler
/// runs, from the kernel's report of the child's exit. Limit 2 s. The stop must be
/// graceful: exit status 0 and the demo's "Đã dừng mọi nút" line.
struct DemoShutdownBenchmark {
    static let limit = 2.0

    func run() throws -> [BenchmarkRow] {
        let baocao = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("baocao")
        guard FileManager.default.isExecutableFile(atPath: baocao.path) else {
            throw BenchFailure("no \(baocao.path): build it first (swift build -c release --product baocao)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-bench-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let base = Self.freePortBase() else { throw BenchFailure("no free range of ports for the demo") }

        let demo = Process()
        demo.executableURL = baocao
        demo.arguments = ["demo", "--dir", directory.appendingPathComponent("demo").path, "--port-base", String(base)]
        let sources = FileManager.default.currentDirectoryPath
        if FileManager.default.fileExists(atPath: sources + "/Topology") { demo.arguments! += ["--repository", sources] }
        let output = Pipe()
        demo.standardOutput = output
        let log = directory.appendingPathComponent("demo.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        demo.standardError = try FileHandle(forWritingTo: log)
        let printed = Transcript(reading: output.fileHandleForReading)
        let exit = ExitMoment()
        demo.terminationHandler = { _ in exit.mark() }
        try demo.run()
        var stopped = false
        defer {
            if !stopped {
                kill(demo.processIdentifier, SIGKILL)
                demo.waitUntilExit()
            }
        }

        // Every node made and started (the first run also makes the PKI: allow minutes).
        let started = Date()
        while !printed.text.contains("Nhấn Ctrl-C") {
            guard demo.isRunning, Date().timeIntervalSince(started) < 300 else {
                throw BenchFailure("the demo did not start: \(printed.text.suffix(2000)) (log: \(log.path))")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        // Its sync ports, one per node, as it printed them; each node but the province
        // has a parent to connect to.
        let syncPorts = Set(printed.text.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "đồng bộ https://127.0.0.1:") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        })
        let children = syncPorts.count - 1
        var connections = 0
        let waiting = Date()
        while connections < children, Date().timeIntervalSince(waiting) < 30 {
            Thread.sleep(forTimeInterval: 0.2)
            connections = Self.establishedConnections(toLocalPorts: syncPorts)
        }
        // One more sync interval (3 s in the demo), so that every child has had its round
        // even if one opened two connections while another had none yet.
        Thread.sleep(forTimeInterval: 4)
        connections = Self.establishedConnections(toLocalPorts: syncPorts)
        print("demo: \(syncPorts.count) nodes on ports from \(base); \(connections) sync connections open to parents when Ctrl-C is sent "
              + "(\(children) children), after \(String(format: "%.1f", Date().timeIntervalSince(started))) s")

        // Ctrl-C.
        let interrupted = ContinuousClock.now
        demo.interrupt()
        guard let exited = exit.wait(seconds: 30) else {
            throw BenchFailure("the demo had not exited 30 s after SIGINT (log: \(log.path))")
        }
        demo.waitUntilExit()   // already reaped: returns at once
        stopped = true
        let took = seconds(exited - interrupted)
        printed.waitForEnd(seconds: 5)
        guard demo.terminationStatus == 0, printed.text.contains("Đã dừng mọi nút") else {
            throw BenchFailure("the demo did not stop gracefully (status \(demo.terminationStatus)): \(printed.text.suffix(1000))")
        }
        return [BenchmarkRow(name: "demo network (\(syncPorts.count) nodes): Ctrl-C until the process has exited, gracefully",
                             figure: took, unit: "s", reference: Self.limit, referenceName: "limit (was 17 s before the fix)",
                             goalRatio: 0, lowerIsBetter: true, goalMaximum: 1)]
    }

    /// A port base with its sync ports (base…base+9) and local ports (base+100…base+109)
    /// free on loopback.
    static func freePortBase() -> Int? {
        stride(from: 38_400, to: 60_000, by: 200).first { base in
            (0..<10).allSatisfy { isFree(base + $0) && isFree(base + 100 + $0) }
        }
    }

    /// Whether a TCP port of 127.0.0.1 can be bound now.
    static func isFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// How many established TCP connections have their server end on one of `ports`
    /// (from /proc/net/tcp: local address `0100007F:PORT` in hex, state `01`).
    static func establishedConnections(toLocalPorts ports: Set<Int>) -> Int {
        // Read to the end: the kernel hands the table out a page at a time.
        guard let file = FileHandle(forReadingAtPath: "/proc/net/tcp") else { return 0 }
        defer { try? file.close() }
        let table = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 3, fields[3] == "01", let port = fields[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else { return false }
            return ports.contains(port)
        }.count
    }

    /// What a child process writes to a pipe, collected on a thread of its own.
    final class Transcript: Sendable {
        private let collected = Mutex("")
        private let ended = DispatchSemaphore(value: 0)

        init(reading handle: FileHandle) {
            Thread.detachNewThread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    collected.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
                }
                ended.signal()
            }
        }

        var text: String { collected.withLock { $0 } }

        /// Waits until the pipe is closed (the child and its children gone), at most `seconds`.
        func waitForEnd(seconds: Double) {
            _ = ended.wait(timeout: .now() + seconds)
        }
    }

    /// The moment a process's termination handler ran.
    final class ExitMoment: Sendable {
        private let moment = Mutex<ContinuousClock.Instant?>(nil)
        private let done = DispatchSemaphore(value: 0)

        func mark() {
            moment.withLock { $0 = .now }
            done.signal()
        }

        /// The moment, once it came; `nil` if it has not within `seconds`.
        func wait(seconds: Double) -> ContinuousClock.Instant? {
            guard done.wait(timeout: .now() + seconds) == .success else { return nil }
            return moment.withLock { $0 }
        }
    }
}
