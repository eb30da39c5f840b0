/// Reports received outside the system (`outside-reports.mustache`), and the form to record one.
struct OutsideReportsView: PageView {
    static let template = "outside-reports"

    struct Item: TemplateFields {
        let id: String
        let unit: String
        let unitName: String
        let regime: String
        let period: String
        let received: String
        let document: String
        let signatures: String
        /// Who typed the figures in, and when.
        let entered: String
        let reason: String
        /// The signed revision accepted since, if one was.
        let superseded: String?
    }

    struct RegimeChoice: TemplateFields {
        let code: String
    }

    let csrf: String
    let items: [Item]
    let hasItems: Bool
    let regimes: [RegimeChoice]
    let mayRecord: Bool
}
