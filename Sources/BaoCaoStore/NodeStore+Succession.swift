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
        try SuccessionRecord(effective: succession.effective.description, content: try encoder.encode(succession),
                             releaseHash: releaseHash, recordedAt: StoredTime.text(now))
            .upsert(db)
    }

    /// The same in a transaction of its own (a node given the succession apart from a
    /// release, as tests and the benchmark do).
    public func recordSuccession(_ succession: Succession, releaseHash: String, at now: Date) throws {
        try writer.write { try Self.recordSuccession(succession, releaseHash: releaseHash, at: now, in: $0) }
    }

    /// Every succession this node has taken, oldest first.
    public func successions() throws -> [Succession] {
        try writer.read { db in
            try SuccessionRecord.order(SuccessionRecord.Columns.effective).fetchAll(db).map {
                try JSONDecoder().decode(Succession.self, from: $0.content)
            }
        }
    }

    /// The newest succession this node has taken, if any.
    public func succession() throws -> Succession? {
        try successions().last
    }
}
