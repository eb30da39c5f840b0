import Foundation

/// Runs the real `baocao` executable, as a person at a terminal would.
struct CommandRunner {
    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `baocao` binary built beside the test bundle.
    static let executable: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
            let candidate = directory.appendingPathComponent("baocao")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/baocao")
    }()

    @discardableResult
    static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: String(decoding: output, as: UTF8.self),
                      error: String(decoding: error, as: UTF8.self))
    }
}

/// A copy of the repository's `Config/` and `Topology/` in a fresh directory, so that
/// commands can create node data without touching the working tree.
final class SampleWorkspace {
    let root: URL
    /// Whether to leave the directory behind, to look at after a failure.
    var keep = false

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Config", "Topology"] {
            try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent(folder),
                                             to: root.appendingPathComponent(folder))
        }
    }

    deinit { if !keep { try? FileManager.default.removeItem(at: root) } }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ text: String, to relative: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(relative))
    }
}

/// The `sqlite3` command-line tool, to look at a node's database independently of our code.
enum SQLiteShell {
    static func dump(_ database: String) throws -> String {
        try query(database, ".dump")
    }

    static func query(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", database, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
