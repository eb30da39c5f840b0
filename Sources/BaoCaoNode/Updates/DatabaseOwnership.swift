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
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: databasePath),
              let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value,
              let group = (attributes[.groupOwnerAccountID] as? NSNumber)?.uint32Value else { return nil }
        self.databasePath = databasePath
        self.owner = owner
        self.group = group
    }

    public func restore() {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
            _ = chown(databasePath + suffix, owner, group)
        }
    }

    /// The user who owns the database, who runs the unit's service; `nil` for root.
    public var ownerName: String? {
        guard owner != 0, let entry = getpwuid(owner) else { return nil }
        return String(cString: entry.pointee.pw_name)
    }
}
