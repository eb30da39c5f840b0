/// Pending events with their deadlines (`personnel-duties.mustache`).
struct PersonnelDutiesView: PageView {
    static let template = "personnel-duties"

    struct Item: TemplateFields {
        let id: String
        let sequence: Int
        let duty: String
        let article: String
        let effectiveOn: String
        let dueOn: String
        let late: String?
        /// A pending event the head approves here; `false` for records received to forward
        /// (art. 10.2), which are sent on, not approved.
        let approvable: Bool
    }

    let csrf: String
    let items: [Item]
    let overdue: Int
    let mayApprove: Bool
}
