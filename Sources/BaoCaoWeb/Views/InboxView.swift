/// Reports received from the units below (`inbox.mustache`), with the receiving window.
struct InboxView: PageView {
    static let template = "inbox"

    struct Item: TemplateFields {
        let id: String
        let unit: String
        let unitName: String
        let regime: String
        let period: String
        let revision: Int
        let received: String
        let state: String
        let late: Bool
        let assignee: String
    }

    /// A regime in the filter, selected when the list shows it.
    struct RegimeChoice: TemplateFields {
        let code: String
        let selected: Bool
    }

    let csrf: String
    let regimes: [RegimeChoice]
    /// The filter's regime and period, empty when not chosen.
    let regime: String
    let period: String
    let items: [Item]
    let hasItems: Bool
    let mayAcceptAll: Bool
    let mayManageWindow: Bool
    /// The announcements about the filtered regime-period's window (opening, extensions, closing).
    let announcements: [String]
    let hasAnnouncements: Bool
}
