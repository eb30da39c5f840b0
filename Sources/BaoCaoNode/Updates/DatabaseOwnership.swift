import Foundation

/// Who owns a unit's database, captured before a root process (`baocao update apply`)
/// opens it, and given back to the database and the files SQLite makes beside it
/// afterwards: the service runs as its own user and could not open files root made.
public struct DatabaseOwnership: Sendable {
    public let databasePath: String
    let owner: uid_t
    let group: gid_t

    /// `nil` when the database cannot be read.
    public init?(of databasePath: String) {
        var info = stat()
        guard stat(databasePath, &info) == 0 else { return nil }
        self.databasePath = databasePath
        self.owner = info.st_uid
        self.group = info.st_gid
    }

    public func restore() {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
            _ = chown(databasePath + suffix, owner, group)
        }
    }
}
