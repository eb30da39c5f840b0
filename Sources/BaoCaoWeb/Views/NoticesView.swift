/// Notices from above, and reminders to send down (`notices.mustache`).
struct NoticesView: PageView {
    static let template = "notices"

    struct Item: TemplateFields {
        let kind: String
        let at: String
        let sender: String
        let text: String
        let unread: Bool
    }

    struct Regime: TemplateFields {
        let code: String
    }

    let csrf: String
    let items: [Item]
    let hasUnread: Bool
    let maySend: Bool
    let regimes: [Regime]
}
