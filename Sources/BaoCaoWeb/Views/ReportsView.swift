/// The unit's own reports and the form that makes a new one (`reports.mustache`).
struct ReportsView: PageView {
    static let template = "reports"

    struct Report: TemplateFields {
        let id: String
        let regime: String
        let period: String
        let revision: Int
        let state: String
        let updated: String
    }

    struct Regime: TemplateFields {
        let code: String
        let name: String
    }

    let csrf: String
    let reports: [Report]
    let regimes: [Regime]
}
