import BaoCaoCore
import Foundation

/// The control fields of a Debian package that an update needs, read by `dpkg-deb` itself
/// (never by our own parsing of the archive): the name, the version and the architecture.
public struct DebianPackage: Sendable, Hashable {
    public let name: String
    public let version: SoftwareVersion
    public let architecture: String

    /// Reads `path` with `dpkg-deb -f PATH Package Version Architecture`.
    ///
    /// #### Errors
    /// ``ErrorCode/updateInstallFailed`` when dpkg-deb is missing or refuses the file, or the
    /// version is not one BaoCao reads (``SoftwareVersion``).
    public static func read(_ path: String) throws -> DebianPackage {
        let run = try SystemCommand.run("/usr/bin/dpkg-deb", ["-f", path, "Package", "Version", "Architecture"])
        guard run.status == 0 else {
            throw NodeError.updateStep("đọc thông tin gói \(path) bằng dpkg-deb", detail: run.output)
        }
        var fields: [String: String] = [:]
        for line in run.output.split(separator: "\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        guard let name = fields["Package"], let version = fields["Version"], let architecture = fields["Architecture"] else {
            throw NodeError.updateStep("đọc thông tin gói \(path)", detail: "thiếu trường Package, Version hoặc Architecture")
        }
        return DebianPackage(name: name, version: try SoftwareVersion(parsing: version), architecture: architecture)
    }
}
