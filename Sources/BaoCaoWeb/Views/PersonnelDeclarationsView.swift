/// The yearly supplementary declarations (`personnel-declarations.mustache`).
struct PersonnelDeclarationsView: PageView {
    static let template = "personnel-declarations"

    struct Row: TemplateFields {
        let id: String
        let fullName: String
        let declaredAt: String?
    }

    let csrf: String
    let year: Int
    let mayRequest: Bool
    let rows: [Row]
    let outstanding: Int
}
