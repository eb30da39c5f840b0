import GRDB

/// Named node settings, stored as text.
public struct NodeSetting: Hashable, Sendable {
    public let key: String
    public init(_ key: String) { self.key = key }

    /// The code of the unit this node serves.
    public static let homeUnit = NodeSetting("homeUnit")
    /// When `baocao init` created the database (ISO 8601, UTC).
    public static let initializedAt = NodeSetting("initializedAt")
    /// Changes (a fresh UUID) whenever the catalog tables are rewritten.
    public static let catalogGeneration = NodeSetting("catalogGeneration")
    /// Changes (a fresh UUID) whenever the topology is rewritten.
    public static let topologyGeneration = NodeSetting("topologyGeneration")
}

extension NodeStore {
    public func value(of setting: NodeSetting) throws -> String? {
        try writer.read { try Self.value(of: setting, in: $0) }
    }

    public func set(_ setting: NodeSetting, to value: String) throws {
        try writer.write { try Self.set(setting, to: value, in: $0) }
    }

    /// The setting's value, set first to `make()` if it has none — atomically: two callers
    /// at once both get the same value (a node's epoch must never be made twice).
    public func value(of setting: NodeSetting, settingIfAbsent make: () -> String) throws -> String {
        if let value = try value(of: setting) { return value }
        let candidate = make()
        return try writer.write { db in
            try SettingRecord(key: setting.key, value: candidate).insert(db, onConflict: .ignore)
            return try Self.value(of: setting, in: db) ?? candidate
        }
    }

    public func remove(_ setting: NodeSetting) throws {
        try writer.write { _ = try SettingRecord.deleteOne($0, key: setting.key) }
    }

    /// The setting's value, inside the caller's transaction.
    public static func value(of setting: NodeSetting, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = ?"), arguments: [setting.key])
    }

    /// Sets a setting inside the caller's transaction.
    public static func set(_ setting: NodeSetting, to value: String, in db: Database) throws {
        try SettingRecord(key: setting.key, value: value).upsert(db)
    }
}
