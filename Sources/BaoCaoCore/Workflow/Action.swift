/// Something a person does at a node that not everyone may do.
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    /// Add, lock, unlock accounts; grant and withdraw roles.
    case manageAccounts
    /// Change the node's configuration, import a release.
    case changeConfiguration
    /// Create a report revision and enter its figures (within the sections assigned).
    case enterValues
    /// Approve a section's figures (duyệt số liệu): the leader, or someone the leader
    /// delegated that section to — its head only with that delegation (seed 002 art. 10.2b).
    case approveSectionFigures
    /// Hand a draft to the leader.
    case submitReport
    /// Approve and sign the report (duyệt báo cáo), or reject it with a reason.
    case approveReport
    /// Hand an approved report to the sync queue.
    case sendReport
    /// Assign incoming regimes or reports to named staff.
    case assignIncoming
    /// Accept a received report, or return it with a reason.
    case decideIncoming
    /// Open or close a receiving window; it freezes a snapshot.
    case manageWindow
    /// Send reminders and announcements down.
    case sendNotice
    /// Read the audit log and check its chain.
    case readAudit
    /// Read reports, consolidated figures, completeness.
    case read
    /// Freeze a period's figures for publishing, review them and publish them (or a
    /// correction) on the public page (seed 000 art. 12.3).
    case publishFigures
    /// Choose the indicators and charts of the unit's own dashboard (002 art. 10.1e).
    case arrangeDashboard

    /// The roles that may do it, by role alone. Section approval also goes to whom the
    /// leader delegated the section to (``Delegation``), never by heading the section.
    public var roles: Set<Role> {
        switch self {
        case .manageAccounts, .changeConfiguration: [.admin]
        case .enterValues, .submitReport: [.dataEntry, .aggregator]
        case .approveSectionFigures, .approveReport: [.approver]
        case .sendReport: [.approver, .aggregator]
        case .assignIncoming, .decideIncoming: [.aggregator, .approver]
        case .manageWindow, .sendNotice: [.aggregator]
        case .readAudit: [.admin, .approver]
        case .read: Set(Role.allCases)
        case .publishFigures: [.publisher]
        case .arrangeDashboard: [.dataEntry, .aggregator, .approver, .admin]
        }
    }

    /// Whether someone holding `roles` may do it by role alone.
    public func isAllowed(for roles: Set<Role>) -> Bool {
        !self.roles.isDisjoint(with: roles)
    }
}
