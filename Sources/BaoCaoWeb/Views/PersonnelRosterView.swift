/// The roster on a day (`personnel-roster.mustache`): the quota and the count against
/// it, those on the roster, and apart those who left.
struct PersonnelRosterView: PageView {
    static let template = "personnel-roster"

    struct Quota: TemplateFields {
        let unit: String
        let section: String
        let quota: Int
        let counted: Int
        let over: String?
        let decision: String
    }

    /// One person of a list (roster or search results).
    struct Line: TemplateFields {
        let id: String
        let fullName: String
        let unit: String
        let section: String
        let kind: String
        let rank: String
        let status: String
    }

    let date: String
    /// The day as `yyyy-mm-dd`, for the date field and the links.
    let dateValue: String
    let quotas: [Quota]
    let working: [Line]
    let left: [Line]
    let hasLeft: Bool
    let mayEdit: Bool
    let mayApprove: Bool
    let mayAudit: Bool
    let search: PersonnelSearchForm
}
