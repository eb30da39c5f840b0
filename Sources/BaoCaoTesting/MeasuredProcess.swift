import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end and says how it ended, what it printed, how long it took and
/// the most memory it held: its peak resident set (`VmHWM`), read from `/proc` while it
/// runs. Not `wait4`'s `ru_maxrss`: a child started by `posix_spawn` shares the test
/// process's memory until it executes the program, and the kernel counts that memory's high
/// water into the child's — a test process grown large would be measured instead.
public enum MeasuredProcess {
    public struct Result: Sendable {
        public let status: Int32
        /// Set when the program was killed by a signal (a segmentation fault is 11).
        public let signal: Int32?
        public let output: String
        public let error: String
        public let seconds: Double
        /// Peak resident set size, in bytes.
        public let peakResidentBytes: Int
    }

    public static func run(_ executable: URL, _ arguments: [String], in directory: URL,
                           environment extra: [String: String] = [:]) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path, errPath = scratch.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }.map { "\($0.key)=\($0.value)" }
        // `env -C` enters the directory and execs the program in the same process, which is the one measured.
        let argv = (["/usr/bin/env", "-C", directory.path, executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "posix_spawn: \(spawned)"]) }
        // The high-water mark only grows: the last reading before the program ends is its peak.
        let program = String(executable.lastPathComponent.prefix(15))
        let child = pid
        let peak = Mutex(0)
        let running = Mutex(true)
        let sampler = Thread {
            while running.withLock({ $0 }) {
                if let (name, bytes) = highWater(of: child), name == program { peak.withLock { $0 = max($0, bytes) } }
                usleep(2_000)
            }
        }
        sampler.start()
        var status: Int32 = 0
        // Reaped only after a last reading: until then the ended program's /proc entry stays.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0, errno == EINTR {}
        if let (name, bytes) = highWater(of: pid), name == program { peak.withLock { $0 = max($0, bytes) } }
        running.withLock { $0 = false }
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let seconds = Date().timeIntervalSince(started)
        let exited = status & 0x7F == 0
        return Result(status: exited ? (status >> 8) & 0xFF : -1, signal: exited ? nil : status & 0x7F,
                      output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      error: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                      seconds: seconds, peakResidentBytes: peak.withLock { $0 })
    }

    /// A process's name and peak resident set in bytes, from `/proc/<pid>/status`.
    private static func highWater(of pid: pid_t) -> (String, Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let lines = status.split(separator: "\n")
        guard let name = lines.first(where: { $0.hasPrefix("Name:") })?.dropFirst(5).trimmingCharacters(in: .whitespaces),
              let line = lines.first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return (name, kilobytes * 1024)
    }

    /// The peak resident set of a running process, in bytes (`VmHWM` of `/proc/<pid>/status`).
    public static func peakResidentBytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return kilobytes * 1024
    }
}
