/// The grants on personnel records (`personnel-grants.mustache`).
struct PersonnelGrantsView: PageView {
    static let template = "personnel-grants"

    struct Grant: TemplateFields {
        let login: String
        let scope: String
        let scopeName: String
        let document: String
        let granted: String
        let revoked: String?
    }

    struct Option: TemplateFields {
        let code: String
        let name: String
    }

    let csrf: String
    let error: String?
    let grants: [Grant]
    let scopes: [Option]
    let users: [Option]
}
