/// The first page after sign-in (`home.mustache`): what was returned, then every report
/// the unit must send.
struct HomeView: PageView {
    static let template = "home"

    /// The reports returned by the level above, to correct and send again.
    struct Returned: TemplateFields {
        struct Item: TemplateFields {
            let regimeName: String
            let regime: String
            let period: String
            let revision: Int
            let reason: String
            let nextRevision: Int
        }

        let items: [Item]
    }

    /// A section of a report the leader returned inside the unit, to correct and approve again.
    struct ReturnedSection: TemplateFields {
        let reportId: String
        let regimeName: String
        let period: String
        let title: String
        let reason: String
        let by: String
    }

    /// One report the unit must send, with its deadline.
    struct Obligation: TemplateFields {
        let regimeName: String
        let regime: String
        let period: String
        let receiver: String
        let due: String
        let daysText: String
        let status: String
        let rowClass: String
        /// The revision to open; `nil` offers to make one.
        let reportId: String?
    }

    /// A chart of the unit's own dashboard (002 art. 10.1e), drawn on the server.
    struct ChartPanel: TemplateFields {
        let id: String
        let svg: String
        let caption: String
    }

    /// An indicator that may be put on the dashboard, by regime.
    struct DashboardChoice: TemplateFields {
        struct Option: TemplateFields {
            let value: String
            let label: String
        }

        let regimeName: String
        let options: [Option]
    }

    struct ChartKind: TemplateFields {
        let value: String
        let label: String
    }

    let csrf: String
    let dashboard: [ChartPanel]
    let hasDashboard: Bool
    /// The unit's staff may choose what the dashboard shows.
    let mayArrange: Bool
    let choices: [DashboardChoice]
    let chartKinds: [ChartKind]
    let returned: Returned?
    let returnedSections: [ReturnedSection]
    let hasReturnedSections: Bool
    /// `nil` when every notice is read.
    let unreadNotices: Int?
    let obligations: [Obligation]
    let hasObligations: Bool
}
