import BaoCaoCore
import Foundation

/// What happened to each attempt at installing an update on this machine, one JSON line
/// each in `<state>/history.jsonl` (readable by everyone: `baocao update status` shows the
/// last one). The machine's, not a node's: one package serves every unit configured on it,
/// and the installer runs as root while each database belongs to the service's user.
public struct UpdateHistory: Sendable {
    public struct Entry: Sendable, Codable, Hashable {
        public enum Outcome: String, Sendable, Codable {
            /// Installed, and every unit's start-up check passed.
            case installed
            /// Installed, a check failed, and the previous version with its databases was put back.
            case rolledBack
            /// Refused before anything changed (disk space, verification, no previous package).
            case refused
            /// The rollback itself failed: an admin must act (the reason says what is where).
            case rollbackFailed
        }

        public let at: Date
        public let from: String
        public let to: String
        public let outcome: Outcome
        public let reason: String?

        public init(at: Date, from: String, to: String, outcome: Outcome, reason: String?) {
            self.at = at
            self.from = from
            self.to = to
            self.outcome = outcome
            self.reason = reason
        }

        public var vietnameseText: String {
            let when = VietnamTime.displayText(at)
            let what: String = switch outcome {
            case .installed: "đã cài phiên bản \(to) (trước đó \(from))"
            case .rolledBack: "cài phiên bản \(to) thất bại, đã quay lại phiên bản \(from)"
            case .refused: "không cài phiên bản \(to), phiên bản \(from) vẫn chạy"
            case .rollbackFailed: "cài phiên bản \(to) thất bại và KHÔNG quay lại được phiên bản \(from)"
            }
            return "\(when): \(what)" + (reason.map { ". Lý do: \($0)" } ?? "")
        }
    }

    public let file: URL

    public init(stateDirectory: String) {
        file = URL(fileURLWithPath: stateDirectory).appendingPathComponent("history.jsonl")
    }

    public func append(_ entry: Entry) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o644])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.synchronize()
    }

    /// Every entry, oldest first; an unreadable line is skipped.
    public func entries() -> [Entry] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(Entry.self, from: Data($0)) }
    }
}
