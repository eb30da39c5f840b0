import Foundation
import GRDB

/// A copy of a node's database file made beside the node (an update's safety copy): the
/// copy is opened alone, its write-ahead log folded in so it becomes one self-contained
/// file, and checked whole.
public enum DatabaseFileCopy {
    /// Folds the copy's log into it and tells whether SQLite's `integrity_check` passes.
    public static func settle(_ path: String) throws -> Bool {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let verdict = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return verdict == ["ok"]
    }
}
