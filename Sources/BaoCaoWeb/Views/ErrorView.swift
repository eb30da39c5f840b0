/// What went wrong, in Vietnamese (`error.mustache`).
struct ErrorView: PageView {
    static let template = "error"

    let heading: String
    let message: String
}
