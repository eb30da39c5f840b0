/// One revision of the unit's own report (`report.mustache`): its figures, what may be
/// done with it now, its attachments and its history.
struct ReportView: PageView {
    static let template = "report"

    struct Section: TemplateFields {
        let code: String
        let title: String
    }

    /// A section the leader returned to be corrected, not yet approved again.
    struct ReturnedSection: TemplateFields {
        let code: String
        let title: String
        let reason: String
        let by: String
        let at: String
    }

    /// A step of the report's history.
    struct Event: TemplateFields {
        let at: String
        let actor: String
        let from: String
        let to: String
        let why: String?
    }

    /// A figure refused by a save, linked to its field.
    struct FieldError: TemplateFields {
        let field: String
        let label: String
        let message: String
    }

    struct Problem: TemplateFields {
        let message: String
    }

    /// A heading of the form's outline (đề cương) with what is written under it.
    struct OutlinePart: TemplateFields {
        let number: Int
        let title: String
        let guidance: String?
        let text: String
    }

    let csrf: String
    let id: String
    let regime: String
    let regimeName: String
    let period: String
    let revision: Int
    let state: String
    let stateCode: String
    let formTitle: String
    let signedAt: String?
    /// Why it was returned or not approved, and by whom (``reasonLabel``).
    let reason: String?
    let reasonLabel: String?
    /// Set when a returned report may be corrected as a new revision.
    let nextRevision: Int?
    let editable: Bool
    let maySubmit: Bool
    let sectionApproval: Bool
    /// The sections not yet approved that this person may approve: every one for the
    /// leader, the delegated ones for anyone else.
    let pendingSections: [Section]
    /// Sections this person heads without the leader's delegation: they may not approve them.
    let undelegatedSections: [Section]
    let returnedSections: [ReturnedSection]
    let hasReturnedSections: Bool
    /// The sections the leader may return to be corrected.
    let returnableSections: [Section]
    let mayReturnSection: Bool
    let mayApprove: Bool
    let maySend: Bool
    /// The leader's signing service, when the node names one: "Duyệt và ký số" then has the
    /// personal signature made there (`Static/ky-so.js`).
    let signService: String?
    /// The report is the unit's own, approved and signed: it may leave as a signed PDF.
    let mayExportPDF: Bool
    /// Where an approved report goes, when it may be sent.
    let receiver: String?
    /// The narrative, or with an outline what stands before its first heading.
    let narrative: String?
    /// The form's outline, each heading with its guidance and its text (000 art. 13.1).
    let hasOutline: Bool
    let outline: [OutlinePart]
    /// The headings that have text, for the read-only report.
    let writtenOutline: [OutlinePart]
    let attachments: [AttachmentLink]
    let hasAttachments: Bool
    let events: [Event]
    /// Figures a save refused, each linked to its field.
    let errorSummary: Bool
    let errors: [FieldError]
    let errorCount: Int
    /// What is still missing or invalid in a draft.
    let problemSummary: Bool
    let problems: [Problem]
    /// The figures' HTML: ``PageRenderer/largePieceMarker`` in one of these, the HTML
    /// itself handed to the renderer beside the view (``EntryForm``).
    let entryFields: String?
    let tableRows: String?
}
