/// The audit log's latest entries and whether its chain holds (`audit.mustache`).
struct AuditView: PageView {
    static let template = "audit"

    struct Entry: TemplateFields {
        let sequence: Int64
        let at: String
        let actor: String
        let action: String
        let object: String
        let detail: String
    }

    let verifyText: String
    let verifyClass: String
    let entries: [Entry]
}
