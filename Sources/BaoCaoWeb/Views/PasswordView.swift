/// Changing one's password (`password.mustache`).
struct PasswordView: PageView {
    static let template = "password"

    let csrf: String
    let minimumLength: Int
    /// Signed in with an expired password: nothing else is allowed until it changes.
    let mustChange: Bool
    let error: String?
}
