/// The publisher's page (`publishing.mustache`): choose a regime-period; its latest
/// snapshot with the completeness behind it and what changed from the publication in
/// force; freeze, publish or correct (seed 000 art. 12.3).
struct PublishingView: PageView {
    static let template = "publishing"

    struct Regime: TemplateFields {
        let code: String
        let name: String
        let selected: Bool
    }

    struct Row: TemplateFields {
        let key: String
        let name: String
        let unit: String
        let value: String
        /// The value in force, when it differs.
        let old: String?
    }

    struct Change: TemplateFields {
        let text: String
    }

    struct Published: TemplateFields {
        let title: String
        let by: String
        let completeness: String
        let reason: String?
        let changes: [Change]
        let hasChanges: Bool
    }

    let csrf: String
    let regimes: [Regime]
    let regime: String
    let period: String
    /// Whether a regime-period was chosen.
    let chosen: Bool
    let snapshotNumber: Int?
    let snapshotTaken: String?
    let rows: [Row]
    let hasRows: Bool
    let completeness: String?
    let refusal: String?
    let mayPublish: Bool
    let isCorrection: Bool
    let changes: [Change]
    let history: [Published]
}
