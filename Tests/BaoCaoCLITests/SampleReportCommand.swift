import BaoCaoCore
import BaoCaoTesting
import Foundation

/// `baocao bundle create` of a sample report (``SampleReport``): the files it needs,
/// written into a test's workspace, and the arguments — for tests of how bundles travel,
/// store and survive, which need a real report but not its figures.
enum SampleReportCommand {
    /// Writes `report.json` (and `attachment.bin` when `attachment` is given) into `root`
    /// and returns the arguments that sign and queue the report of `unit` for `recipient`.
    static func arguments(in root: URL, config: String, unit: UnitCode = "05290", to recipient: String, revision: Int = 1,
                          month: Int = 11, attachment: Data? = nil) throws -> [String] {
        let (report, about) = try SampleReport.document(unit: unit, revision: revision, month: month, attachment: attachment)
        try report.write(to: root.appendingPathComponent("report.json"))
        var arguments = ["bundle", "create", "--kind", "report", "--config", config, "--to", recipient, "--part", "report.json=report.json"]
        if let attachment {
            try attachment.write(to: root.appendingPathComponent("attachment.bin"))
            arguments += ["--part", "attachments/1=attachment.bin"]
        }
        return arguments + about.sorted { $0.key < $1.key }.flatMap { ["--about", "\($0.key)=\($0.value)"] }
    }

    /// A random, incompressible attachment of about `bytes`.
    static func attachment(bytes: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return (0..<max(bytes / 8, 1)).map { _ in generator.next() as UInt64 }.withUnsafeBytes { Data($0) }
    }

    /// The `network:` lines that name a node's parent by its certificate's host name,
    /// reached on loopback.
    static func parentLines(_ parent: String, port: Int) -> String {
        "  parentURL: https://\(parent.lowercased()).baocao.test:\(port)\n  parentAddress: 127.0.0.1"
    }
}
