import BaoCaoCore

/// The member of staff on whose behalf a service acts — signed in at the web interface or
/// named with `--user` at the command line — with their login, display name, roles and
/// sections; or the node itself (``node``) for what nobody in particular does.
///
/// Named for what it is rather than `Actor`, which would shadow Swift's `Actor` protocol
/// in every file that imports this module.
public struct StaffMember: Sendable, Hashable {
    public let userId: Int64
    public let login: String
    public let displayName: String
    public let roles: Set<Role>
    /// The unit sections (phòng, ban) the person belongs to, by code.
    public let sections: Set<String>

    public init(userId: Int64, login: String, displayName: String, roles: Set<Role>, sections: Set<String> = []) {
        self.userId = userId
        self.login = login
        self.displayName = displayName
        self.roles = roles
        self.sections = sections
    }

    /// Whether the person may do `action` by role.
    public func may(_ action: Action) -> Bool { action.isAllowed(for: roles) }

    /// The node itself, for what nobody in particular does (a bundle arriving, a
    /// scheduled reminder). Holds no role.
    public static let node = StaffMember(userId: 0, login: "node", displayName: "Máy chủ", roles: [])
}
