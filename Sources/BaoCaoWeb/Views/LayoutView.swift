/// The page around every page (`layout.mustache`): the unit, the menu the person's roles
/// open, who is signed in, the flash message, and the content already rendered.
struct LayoutView: PageView {
    static let template = "layout"

    /// The signed-in person in the header.
    struct User: TemplateFields {
        let name: String
        let login: String
        /// Their roles' Vietnamese names, comma-separated.
        let roles: String
    }

    let title: String
    let unitName: String
    let unitCode: String
    /// Where the unit's pages live on its address (``UnitPath/prefix``), for the scripts
    /// that name its pages themselves; empty for a node alone.
    let base: String
    /// The page's own HTML (``PageRenderer/page(_:title:context:status:flash:headers:large:)``).
    let content: String
    let menu: [PageRenderer.MenuItem]
    let signedIn: Bool
    let csrf: String
    let user: User?
    let flash: String?
}
