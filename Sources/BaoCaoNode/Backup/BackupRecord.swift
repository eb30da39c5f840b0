import BaoCaoStore
import Foundation

/// What the node keeps of its scheduled backups, in its settings: the last good one — written
/// and then verified as a restore would verify it — and the last that failed, with why. Only
/// a verified backup counts as good (seeds 000 art. 19.3, 001 art. 12.1).
public struct BackupRecord: Sendable, Hashable {
    public var lastGoodAt: Date?
    /// The file name of the last good backup, in the backup folder.
    public var lastGoodFile: String?
    public var lastFailureAt: Date?
    /// Why the last failed attempt failed, in Vietnamese.
    public var lastFailure: String?

    public init(lastGoodAt: Date? = nil, lastGoodFile: String? = nil, lastFailureAt: Date? = nil, lastFailure: String? = nil) {
        self.lastGoodAt = lastGoodAt
        self.lastGoodFile = lastGoodFile
        self.lastFailureAt = lastFailureAt
        self.lastFailure = lastFailure
    }

    /// What the store holds.
    public init(store: NodeStore) throws {
        lastGoodAt = try store.value(of: .lastGoodBackupAt).flatMap { try? Date($0, strategy: .iso8601) }
        lastGoodFile = try store.value(of: .lastGoodBackupFile)
        lastFailureAt = try store.value(of: .lastBackupFailureAt).flatMap { try? Date($0, strategy: .iso8601) }
        lastFailure = try store.value(of: .lastBackupFailure)
    }

    /// The failure, when it came after the last good backup (or there is none).
    public var failureSinceLastGood: (at: Date, reason: String)? {
        guard let at = lastFailureAt, let reason = lastFailure else { return nil }
        if let good = lastGoodAt, good >= at { return nil }
        return (at, reason)
    }

    /// Records a good backup.
    public static func recordGood(file: String, at time: Date, in store: NodeStore) throws {
        try store.set(.lastGoodBackupAt, to: time.formatted(.iso8601))
        try store.set(.lastGoodBackupFile, to: file)
    }

    /// Records a failed attempt and why.
    public static func recordFailure(_ reason: String, at time: Date, in store: NodeStore) throws {
        try store.set(.lastBackupFailureAt, to: time.formatted(.iso8601))
        try store.set(.lastBackupFailure, to: reason)
    }
}

extension NodeSetting {
    /// When the last backup that passed verification was made (ISO 8601).
    public static let lastGoodBackupAt = NodeSetting("lastGoodBackupAt")
    /// Its file name.
    public static let lastGoodBackupFile = NodeSetting("lastGoodBackupFile")
    /// When the last backup attempt failed, being written or verified (ISO 8601).
    public static let lastBackupFailureAt = NodeSetting("lastBackupFailureAt")
    /// Why it failed, in Vietnamese.
    public static let lastBackupFailure = NodeSetting("lastBackupFailure")
}
