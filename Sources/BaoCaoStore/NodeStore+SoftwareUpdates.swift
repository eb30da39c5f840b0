import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// The update with the greatest version this node took, if any: the one the next must
    /// be newer than, and the one waiting when it is newer than the program running.
    public func latestSoftwareUpdate() throws -> SoftwareUpdateRecord? {
        try writer.read { db in try Self.latestSoftwareUpdate(in: db) }
    }

    /// The same inside the caller's transaction.
    public static func latestSoftwareUpdate(in db: Database) throws -> SoftwareUpdateRecord? {
        // Versions are text ("0.10.0" after "0.9.0"): few rows, ordered here by the type.
        try SoftwareUpdateRecord.fetchAll(db).max { $0.version < $1.version }
    }

    /// Every update taken, newest version first.
    public func softwareUpdates() throws -> [SoftwareUpdateRecord] {
        try writer.read { db in try SoftwareUpdateRecord.fetchAll(db).sorted { $0.version > $1.version } }
    }

    /// Records an update taken, in the caller's transaction (the one storing its bundle).
    public static func recordSoftwareUpdate(_ update: SoftwareUpdateRecord, in db: Database) throws {
        try update.insert(db)
    }
}
