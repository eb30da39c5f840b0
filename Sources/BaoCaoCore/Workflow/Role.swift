/// A role a person holds at a node (seed 002 art. 10). A person may hold several.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Quản trị: accounts, roles, configuration.
    case admin
    /// Tổng hợp: receives, checks and consolidates the children's reports, opens and
    /// closes receiving windows, sends reminders, and prepares the unit's own report.
    case aggregator
    /// Lãnh đạo: approves and signs the unit's report, or rejects it with a reason.
    case approver
    /// Nhập liệu: enters the figures of the sections assigned to them.
    case dataEntry
    /// Xem: reads, changes nothing.
    case viewer
    /// Công bố: at the province, reviews a period's frozen consolidated figures and
    /// publishes them on the public page (seed 000 art. 12.3).
    case publisher

    /// The Vietnamese name shown to people.
    public var displayName: String {
        switch self {
        case .admin: "quản trị"
        case .aggregator: "tổng hợp"
        case .approver: "lãnh đạo"
        case .dataEntry: "nhập liệu"
        case .viewer: "xem"
        case .publisher: "công bố"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
