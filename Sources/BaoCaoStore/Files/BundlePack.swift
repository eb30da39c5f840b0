import BaoCaoCore
import Foundation
import GRDB
import Synchronization

/// The bytes of a node's bundles in one SQLite file of their own, `bundles/pack.sqlite`:
/// one row per bundle, the id its key.
///
/// It replaced a file per bundle (and per receipt and decision): making thousands of small
/// files a minute cost a province node more than anything it did with them — on ext4
/// without a journal, 37 % of its CPU went to checking each new inode against recently
/// deleted ones. Here a bundle is an insert, and a batch's flush is one commit.
///
/// #### Durability
/// The pack is a WAL database whose writes commit with `synchronous=NORMAL`: each is
/// atomic and in order, but is not yet on disk. ``flush()`` commits with `synchronous=FULL`,
/// whose `fsync` of the write-ahead log puts every earlier commit on disk with it (a
/// checkpoint syncs the log before it copies frames, and the database before the log is
/// reused). So a batch written without flushing costs one `fsync`, and a bundle row in the
/// node's database, committed after that flush, never points at bytes that a power cut
/// could take away.
///
/// Opened on first use, so that making a ``BundleFiles`` value costs nothing; the file is
/// made private to the node's account, like its database.
final class BundlePack: Sendable {
    let path: String
    private let folder: String
    private let opened = Mutex<DatabasePool?>(nil)

    init(folder: String) {
        self.folder = folder
        path = folder + "/pack.sqlite"
    }

    /// The open database, opened (and made) on first use.
    func database() throws -> DatabasePool {
        try opened.withLock { pool in
            if let pool { return pool }
            let made = try Self.open(path: path, folder: folder)
            pool = made
            return made
        }
    }

    private static func open(path: String, folder: String) throws -> DatabasePool {
        try DurableFile.createFolder(path: folder)
        if let handle = FileHandle(forReadingAtPath: path) {
            // Another file in its place is left as it is, and said to be what is wrong.
            let header = (try? handle.read(upToCount: NodeStore.sqliteHeader.count)) ?? Data()
            try? handle.close()
            if !header.isEmpty, Array(header) != NodeStore.sqliteHeader { throw StoreError.notADatabase(path) }
        } else {
            try SystemFile.createPrivate(path)
        }
        var configuration = Configuration()
        configuration.label = "baocao-bundles"
        configuration.busyMode = .timeout(10)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS bundleBytes (id TEXT PRIMARY KEY NOT NULL, bytes BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS flushMark (id INTEGER PRIMARY KEY CHECK (id = 1), flushes INTEGER NOT NULL);
                    INSERT OR IGNORE INTO flushMark VALUES (1, 0);
                    """)
            }
            return pool
        } catch {
            throw StoreError.storageFailure(from: error, at: path)
                ?? StoreError.cannotOpen(path, detail: (error as? DatabaseError)?.message ?? "\(error)")
        }
    }

    /// The bytes stored under `id`, if any.
    func read(_ id: String) throws -> Data? {
        try database().read { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT bytes FROM bundleBytes WHERE id = ?"), arguments: [id])
        }
    }

    /// Every id with bytes stored, in order.
    func ids() throws -> [String] {
        try database().read { try String.fetchAll($0, sql: "SELECT id FROM bundleBytes ORDER BY id") }
    }

    /// Those of `ids` with no bytes stored, in one read.
    func absent(from ids: some Sequence<String>) throws -> [String] {
        try database().read { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM bundleBytes WHERE id = ?")
            return try ids.filter { try Bool.fetchOne(statement, arguments: [$0]) == nil }
        }
    }

    /// Stores `data` under `id` unless bytes are stored there already, and returns the bytes
    /// stored. `existing` is asked, inside the same write, for bytes kept elsewhere (a file
    /// of the layout before the pack), which then stay the bundle's.
    func insertIfAbsent(_ data: Data, id: String, existing: () -> Data?) throws -> Data {
        try writing { db in
            if let stored = try Data.fetchOne(db.cachedStatement(sql: "SELECT bytes FROM bundleBytes WHERE id = ?"), arguments: [id]) {
                return stored
            }
            if let kept = existing() { return kept }
            try db.cachedStatement(sql: "INSERT INTO bundleBytes (id, bytes) VALUES (?, ?)").execute(arguments: [id, data])
            return data
        }
    }

    /// Stores `data` under `id`. The same id always has the same bytes, so bytes already
    /// there are kept.
    func insert(_ data: Data, id: String) throws {
        // One statement, its own transaction in SQLite: no BEGIN and COMMIT to parse for
        // each of a batch's hundreds of bundles.
        do {
            try database().writeWithoutTransaction { db in
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO bundleBytes (id, bytes) VALUES (?, ?)").execute(arguments: [id, data])
            }
        } catch {
            throw StoreError.storageFailure(from: error, at: path) ?? error
        }
    }

    /// Puts on disk every write committed before it (see the type's note on durability).
    /// Under the durability tests' `BAOCAO_FAIL_FSYNC`, fails as a failing disk would when
    /// the pack's path is the one made to fail.
    func flush() throws {
        if FsyncFault.strikes(path) { throw StoreError.writeFailed(path, errno: EIO) }
        do {
            try database().writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                try db.inTransaction {
                    try db.execute(sql: "UPDATE flushMark SET flushes = flushes + 1")
                    return .commit
                }
            }
        } catch {
            throw StoreError.storageFailure(from: error, at: path) ?? error
        }
    }

    private func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database().write(body)
        } catch {
            throw StoreError.storageFailure(from: error, at: path) ?? error
        }
    }
}
