import BaoCaoCore
import BaoCaoStore
import Foundation

/// The `unit:` line of a node's configuration file, rewritten when the node continues under
/// a new code after a reform (17-SNV → 25-SNV): the old file is kept beside it, the line
/// changed in place, every other line (comments included) as it was.
enum ConfigurationUnitLine {
    /// Where the old file is kept.
    static func backupPath(of file: String) -> String { file + ".truoc-sap-xep" }

    /// Rewrites `unit: OLD` to `unit: NEW`; returns the path of the copy of the old file.
    static func rewrite(_ file: String, from old: UnitCode, to new: UnitCode) throws -> String {
        let text = try TextFile.read(file)
        var lines = text.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { Self.code(in: $0) == old.rawValue }) else {
            throw CLIError("Tệp \(file) không có dòng \"unit: \(old)\" để đổi thành \(new); hãy sửa tay dòng unit.")
        }
        let indent = lines[index].prefix { $0 == " " }
        lines[index] = "\(indent)unit: \"\(new)\""
        let backup = backupPath(of: file)
        try DurableFile.write(Data(text.utf8), to: URL(fileURLWithPath: backup))
        try DurableFile.write(Data(lines.joined(separator: "\n").utf8), to: URL(fileURLWithPath: file))
        return backup
    }

    /// The code a top-level `unit:` line names, unquoted; `nil` for any other line.
    static func code(in line: String) -> String? {
        guard !line.hasPrefix(" "), line.hasPrefix("unit:") else { return nil }
        var value = line.dropFirst("unit:".count).trimmingCharacters(in: .whitespaces)
        if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
        return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}
