/// One received report (`inbox-report.mustache`): its signature checked again, its
/// figures, and the decisions the person may take.
struct InboxReportView: PageView {
    static let template = "inbox-report"

    struct Row: TemplateFields {
        let code: String
        let name: String
        let unit: String
        let value: String
    }

    /// Someone the report may be assigned to.
    struct StaffChoice: TemplateFields {
        let login: String
        let name: String
    }

    let csrf: String
    let id: String
    let unit: String
    let unitName: String
    let regimeName: String
    let period: String
    let revision: Int
    let state: String
    let late: Bool
    let receivedAt: String
    let signedAt: String
    /// The signing time implausibly long before the arrival, or after it (``TimelinessPolicy/arrivalNote(signedAt:receivedAt:)``).
    let signingTimeNote: String?
    let bundleId: String
    /// Who signed, when the signature checks out.
    let signer: String?
    let fingerprint: String?
    /// The person's signature beside the unit's — who, as what, when — when it carries one.
    let personalSigner: String?
    let personalFingerprint: String?
    let verified: String
    let verifiedClass: String
    let rows: [Row]
    let narrative: String?
    let attachments: [AttachmentLink]
    let hasAttachments: Bool
    let mayDecide: Bool
    let mayAssign: Bool
    let staff: [StaffChoice]
}
