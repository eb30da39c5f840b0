import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// Opens (or creates) the node's database file.
    ///
    /// An existing file is checked before anything writes to it: it must begin with the
    /// SQLite header, pass `PRAGMA quick_check`, and carry no migration this build does
    /// not know. Only then is it opened as a WAL `DatabasePool` and migrated.
    ///
    /// #### Durability
    /// GRDB leaves `synchronous=NORMAL` in WAL mode, which can lose the last committed
    /// transactions on power loss. A node acknowledges bundles to other nodes after
    /// commit, so this sets `synchronous=FULL` on the writer before returning.
    ///
    /// #### Errors
    /// ``StoreError/Code/notADatabase``, ``StoreError/Code/corrupt``,
    /// ``StoreError/Code/newerSchema``, ``StoreError/Code/cannotOpen``,
    /// ``StoreError/Code/readOnly`` (the data folder cannot be written) and
    /// ``StoreError/Code/diskFull`` (no room to open or migrate). The file is left as it
    /// was in every case.
    public static func open(at path: String) throws -> NodeStore {
        // A node always writes (WAL, migrations, the audit log): read-only storage is
        // said plainly before SQLite fails in its own words.
        let folder = StorageProbe.folder(of: path)
        if FileManager.default.fileExists(atPath: folder), StorageProbe.isReadOnly(folder) {
            throw StoreError.readOnly(folder)
        }
        StorageProbe.watch(path)
        if FileManager.default.fileExists(atPath: path) {
            try checkExistingFile(at: path)
        } else {
            // The database holds everything: only the node's own account may read it.
            try SystemFile.createPrivate(path)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch let error as DatabaseError {
            if let storage = StoreError.storageFailure(from: error, at: path) { throw storage }
            throw StoreError.cannotOpen(path, detail: error.message ?? "\(error.resultCode)")
        }
        do {
            return try NodeStore(writer: pool)
        } catch {
            throw StoreError.storageFailure(from: error, at: path) ?? error
        }
    }

    /// The `synchronous` setting of the connection that writes (2 = FULL).
    public func synchronousMode() throws -> Int {
        try writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    private static func checkExistingFile(at path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotOpen(path, detail: "không đọc được tệp")
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }  // an empty file: SQLite treats it as a new database
        guard header.count >= 16, Array(header.prefix(16)) == sqliteHeader else {
            throw StoreError.notADatabase(path)
        }
        // A plain connection reads without converting the journal mode or migrating. It
        // waits for the lock like the node's own connections: another process of the node
        // (a sync, an import, a server starting) may be closing the database just now, and
        // its last checkpoint holds the file for a moment.
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard check == ["ok"] else {
                    throw StoreError.corrupt(path, detail: check.prefix(3).joined(separator: "; "))
                }
                let known = Set(migrator.migrations)
                let applied = try db.tableExists("grdb_migrations")
                    ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                let unknown = applied.filter { !known.contains($0) }
                guard unknown.isEmpty else { throw StoreError.newerSchema(path, unknown: unknown) }
            }
        } catch let error as DatabaseError {
            if let storage = StoreError.storageFailure(from: error, at: path) { throw storage }
            switch error.resultCode {
            case .SQLITE_NOTADB: throw StoreError.notADatabase(path)
            case .SQLITE_CORRUPT: throw StoreError.corrupt(path, detail: error.message ?? "SQLITE_CORRUPT")
            default: throw StoreError.cannotOpen(path, detail: error.message ?? "\(error.resultCode)")
            }
        }
    }
}
