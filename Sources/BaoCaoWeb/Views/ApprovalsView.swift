/// The reports waiting for the leader or for a section's approval (`approvals.mustache`).
struct ApprovalsView: PageView {
    static let template = "approvals"

    struct Item: TemplateFields {
        let id: String
        let regime: String
        let period: String
        let revision: Int
        let state: String
        /// The sections whose figures are not approved yet, or "—".
        let pending: String
    }

    let items: [Item]
    let hasItems: Bool
}
