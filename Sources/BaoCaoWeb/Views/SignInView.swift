/// The sign-in form (`signin.mustache`), with the CSRF token of its pre-session cookie.
struct SignInView: PageView {
    static let template = "signin"

    /// The token the form sends back, matched against the pre-session cookie (double submit).
    let signinCsrf: String
    /// What the person typed, kept after a refusal.
    let login: String
    let error: String?
}
