import Foundation

/// Runs a program of the system (dpkg, systemctl, the new `baocao`) and collects what it
/// printed, standard output and error together, for the update's log.
public enum SystemCommand {
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
    }

    /// #### Errors
    /// Only when the program cannot be started (missing, not executable): a program that
    /// ran and failed is a ``Result`` with its status.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw NodeError.updateStep("chạy \(executable)", detail: "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
