import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// Keeps a succession taken from a province release, inside the transaction that
    /// records the release. The same succession arriving again changes nothing; a
    /// different one for the same date replaces it only through a newer release.
    public static func recordSuccession(_ succession: Succession, releaseHash: String, at now: Date, in db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try db.execute(sql: """
            INSERT INTO succession (effective, content, releaseHash, recordedAt) VALUES (?, ?, ?, ?)
            ON CONFLICT(effective) DO UPDATE SET content = excluded.content, releaseHash = excluded.releaseHash,
                                                 recordedAt = excluded.recordedAt
            """, arguments: [succession.effective.description, try encoder.encode(succession), releaseHash, StoredTime.text(now)])
    }

    /// The same in a transaction of its own (a node given the succession apart from a
    /// release, as tests and the benchmark do).
    public func recordSuccession(_ succession: Succession, releaseHash: String, at now: Date) throws {
        try writer.write { try Self.recordSuccession(succession, releaseHash: releaseHash, at: now, in: $0) }
    }

    /// Every succession this node has taken, oldest first.
    public func successions() throws -> [Succession] {
        try writer.read { db in
            try Data.fetchAll(db, sql: "SELECT content FROM succession ORDER BY effective").map {
                try JSONDecoder().decode(Succession.self, from: $0)
            }
        }
    }

    /// The newest succession this node has taken, if any.
    public func succession() throws -> Succession? {
        try successions().last
    }
}
