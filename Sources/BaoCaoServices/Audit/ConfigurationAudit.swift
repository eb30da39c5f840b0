import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Notices a node configuration changed between two runs — edited by hand, or replaced —
/// and appends the change to the audit log (issue: every configuration change is
/// audited), naming the settings whose lines changed. The text last seen is kept in the
/// node's settings; the comparison and the entry are one transaction, so two commands
/// started together record one change.
public enum ConfigurationAudit {
    public static let change = AuditAction("config.change")
    static let lastSeen = NodeSetting("configurationText")

    /// Compares `text` (the configuration file's content) with the text last seen. The
    /// first sighting is only kept; a difference is audited. Returns the audit entry
    /// written, if any.
    @discardableResult
    public static func note(_ text: String, file: String, store: NodeStore, at now: Date) throws -> AuditEntry? {
        let text = text.nfc
        if try store.value(of: lastSeen) == text { return nil }  // the common case, without a write
        return try store.writer.write { db in
            let previous = try NodeStore.value(of: lastSeen, in: db)
            guard previous != text else { return nil }
            try NodeStore.set(lastSeen, to: text, in: db)
            guard let previous else { return nil }
            let keys = changedKeys(from: previous, to: text)
            let detail = "tệp \(file); mục thay đổi: " + (keys.isEmpty ? "(chỉ khoảng trắng, chú thích)" : keys.joined(separator: ", "))
                + "; SHA-256 \(SHA256Digest.hex(of: Data(previous.utf8)).prefix(16)) → \(SHA256Digest.hex(of: Data(text.utf8)).prefix(16))"
            return try AuditLog.append(db, actor: StaffMember.node.login, action: change, object: "config", detail: detail, at: now)
        }
    }

    /// The dotted keys (`security.bcryptCost`) of the lines that differ between two YAML
    /// texts, in order of first appearance; comments and blank lines are ignored.
    static func changedKeys(from old: String, to new: String) -> [String] {
        let before = keyedLines(old), after = keyedLines(new)
        let removed = Set(before.map(\.line)).subtracting(after.map(\.line))
        let added = Set(after.map(\.line)).subtracting(before.map(\.line))
        var seen: Set<String> = []
        var keys: [String] = []
        for entry in before + after where removed.contains(entry.line) || added.contains(entry.line) {
            if seen.insert(entry.key).inserted { keys.append(entry.key) }
        }
        return keys
    }

    /// Each meaningful line with its dotted key, nesting taken from the indentation.
    static func keyedLines(_ text: String) -> [(key: String, line: String)] {
        var stack: [(indent: Int, key: String)] = []
        var result: [(key: String, line: String)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let indent = line.prefix { $0 == " " }.count
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            let body = trimmed.hasPrefix("- ") ? String(trimmed.dropFirst(2)) : trimmed
            let name = body.split(separator: ":", maxSplits: 1).first.map(String.init) ?? body
            let key = (stack.map(\.key) + [trimmed.hasPrefix("- ") ? "[]" : name]).joined(separator: ".")
            if !trimmed.hasPrefix("- ") { stack.append((indent, name)) }
            result.append((key, trimmed))
        }
        return result
    }
}
