/// Administration (`admin.mustache`): the node and its releases, its settings, accounts
/// and roles.
struct AdminView: PageView {
    static let template = "admin"

    struct Setting: TemplateFields {
        let name: String
        let value: String
    }

    struct Release: TemplateFields {
        let version: Int
        let publisher: String
        let at: String
    }

    struct User: TemplateFields {
        let login: String
        let name: String
        let roleNames: String
        let status: String
        /// The path segment and the button's words that lock or unlock the account.
        let lockAction: String
        let lockLabel: String
    }

    struct RoleChoice: TemplateFields {
        let code: String
        let name: String
    }

    let csrf: String
    let unitName: String
    let unitCode: String
    let release: String
    let schema: Int
    let settings: [Setting]
    let releases: [Release]
    let mayManage: Bool
    let mayAudit: Bool
    /// Only for those who manage accounts.
    let users: [User]
    let roleChoices: [RoleChoice]
    /// Why the account was not added.
    let addError: String?
}
