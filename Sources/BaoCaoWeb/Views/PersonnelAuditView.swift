/// Who read whose record (`personnel-audit.mustache`).
struct PersonnelAuditView: PageView {
    static let template = "personnel-audit"

    struct Record: TemplateFields {
        let id: String
        /// The person's name for a reader who may read the record; empty otherwise.
        let name: String
    }

    struct Entry: TemplateFields {
        let at: String
        let actor: String
        let action: String
        let records: [Record]
        let detail: String
    }

    let entries: [Entry]
}
