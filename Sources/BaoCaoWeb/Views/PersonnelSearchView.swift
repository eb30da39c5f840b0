/// Search results (`personnel-search.mustache`).
struct PersonnelSearchView: PageView {
    static let template = "personnel-search"

    let form: PersonnelSearchForm
    let results: [PersonnelRosterView.Line]
    let count: Int
}
