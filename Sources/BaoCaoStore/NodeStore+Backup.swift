import BaoCaoCore
import Foundation
import GRDB

/// What a backup needs of the database: a consistent copy while the node keeps working,
/// and the checks a restored copy must pass.
extension NodeStore {
    /// Copies the database to a new file at `path` through SQLite's online backup, and
    /// returns the ids of the bundles that copy refers to (their files go in the backup).
    public func copy(toDatabaseAt path: String) throws -> [String] {
        try SystemFile.createPrivate(path)
        let copy = try DatabaseQueue(path: path)
        defer { try? copy.close() }
        try writer.backup(to: copy)
        return try copy.read { try StoredBundle.select(Column("id"), as: String.self).order(Column("id")).fetchAll($0) }
    }

    /// Whether SQLite's `integrity_check` finds nothing wrong with the database, and every
    /// value row has its report (no foreign key checks that as rows are written; see
    /// ``dropReportValueParentCheck(_:)``).
    public func passesIntegrityCheck() throws -> Bool {
        try writer.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"] && Self.valuesWithoutTheirReport(db) == 0
        }
    }

    /// The ids of every bundle the node holds.
    public func bundleIds() throws -> [String] {
        try writer.read { try StoredBundle.select(Column("id"), as: String.self).fetchAll($0) }
    }

    /// Closes the database file, for a caller that moves it afterwards (a restore).
    public func close() throws {
        try (writer as? DatabasePool)?.close()
        try (writer as? DatabaseQueue)?.close()
    }
}
