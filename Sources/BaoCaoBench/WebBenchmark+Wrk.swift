import Foundation

/// The cached case, measured by `wrk --latency` from Debian's packages.
extension WebBenchmark {
    /// wrk's output for `duration` seconds of 20 connections, each request carrying one of
    /// the users' session cookies in turn, all on `path`.
    func wrk(cookies: [String], path: String, port: Int, directory: URL) throws -> String {
        let script = directory.appendingPathComponent("users.lua")
        try Self.wrkScript(cookies: cookies, path: path).write(to: script, atomically: true, encoding: .utf8)
        let wrk = Process()
        wrk.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        wrk.arguments = ["--latency", "-t2", "-c\(Self.users)", "-d\(duration)s", "-s", script.path, "http://127.0.0.1:\(port)"]
        let output = Pipe()
        wrk.standardOutput = output
        try wrk.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        wrk.waitUntilExit()
        guard wrk.terminationStatus == 0 else { throw BenchFailure("wrk failed: \(text)") }
        return text
    }

    /// A wrk script in which each request carries one of the users' session cookies in turn.
    static func wrkScript(cookies: [String], path: String) -> String {
        """
        local cookies = { \(cookies.map { "\"\($0)\"" }.joined(separator: ", ")) }
        local n = 0
        request = function()
          n = n + 1
          return wrk.format("GET", "\(path)", { ["Cookie"] = cookies[(n % #cookies) + 1] })
        end
        -- wrk --latency prints 50/75/90/99 %; issue 8 asks for p95 (latency in microseconds).
        done = function(summary, latency, requests)
          io.write(string.format("    95%%  %.2fms\\n", latency:percentile(95) / 1000))
        end
        """
    }

    /// A percentile line of `wrk --latency` in milliseconds ("99%   12.34ms").
    static func latency(_ output: String, percentile: String) -> Double? {
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0] == percentile else { continue }
            let value = String(parts[1])
            if value.hasSuffix("us") { return Double(value.dropLast(2)).map { $0 / 1000 } }
            if value.hasSuffix("ms") { return Double(value.dropLast(2)) }
            if value.hasSuffix("s") { return Double(value.dropLast(1)).map { $0 * 1000 } }
        }
        return nil
    }
}
