import GRDB

/// Someone who may be given work at the node: an account that is not locked, by the name
/// a colleague knows them by.
public struct StaffMember: Sendable, Hashable {
    public let login: String
    public let displayName: String

    public init(login: String, displayName: String) {
        self.login = login
        self.displayName = displayName
    }
}

extension NodeStore {
    /// Every account that is not locked, by login.
    public func activeStaff() throws -> [StaffMember] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT login, displayName FROM user WHERE locked = 0 ORDER BY login")
                .map { StaffMember(login: $0["login"], displayName: $0["displayName"]) }
        }
    }
}
