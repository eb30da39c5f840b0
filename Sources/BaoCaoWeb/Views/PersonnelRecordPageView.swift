import BaoCaoServices

/// One record on a chosen day (`personnel-record.mustache`): identity and state, the
/// personal data masked unless granted, the history with each decision and the pending
/// events marked.
struct PersonnelRecordPageView: PageView {
    static let template = "personnel-record"

    struct Field: TemplateFields {
        let label: String
        let value: String
    }

    /// A sensitive field: its value, or `•••` for a reader without the grant.
    struct Sensitive: TemplateFields {
        let label: String
        let value: String
        let masked: Bool

        init(label: String, shown: PersonnelShown<String?>) {
            self.label = label
            value = shown.text
            masked = shown.isMasked
        }
    }

    struct Relative: TemplateFields {
        let side: String
        let relation: String
        let fullName: String
        let birthYear: String
        let details: String
    }

    struct Event: TemplateFields {
        let sequence: Int
        let effectiveOn: String
        let summary: String
        let decision: String
        let recordedBy: String
        let pending: Bool
        let approvedBy: String
    }

    let id: String
    let csrf: String
    let date: String
    let dateValue: String
    let fullName: String
    let status: String
    let fields: [Field]
    let sensitive: [Sensitive]
    let familyMasked: Bool
    let family: [Relative]
    let history: [Event]
    let hasPending: Bool
    let mayApprove: Bool
    let mayEdit: Bool
}
