import BaoCaoCore

/// The person acting at a node, signed in: who they are and what they hold.
public struct Actor: Sendable, Hashable {
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
    public static let node = Actor(userId: 0, login: "node", displayName: "Máy chủ", roles: [])
}
