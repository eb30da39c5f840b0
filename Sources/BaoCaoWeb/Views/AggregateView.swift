/// Consolidated figures with their comparison columns, who has reported, and the charts
/// (`aggregate.mustache`).
struct AggregateView: PageView {
    static let template = "aggregate"

    /// One consolidated figure and its comparisons.
    struct Row: TemplateFields {
        let key: String
        let name: String
        let unit: String
        let value: String
        let ytd: String
        let lastYear: String
        let vsLastYear: String
        let plan: String
        let vsPlan: String
        let trendHref: String
        /// Beside a figure carried from before the reform: why it does not compare exactly
        /// ("không so sánh được: …", "chưa đủ: …"); `nil` when it does.
        let valueNote: String?
        let ytdNote: String?
        let lastYearNote: String?
    }

    /// A former unit whose original signed report the history before the reform comes from.
    struct FormerSource: TemplateFields {
        let label: String
        let href: String
        /// ", " between sources, nothing after the last.
        let separator: String
    }

    /// The line saying where the figures before the reform come from.
    struct History: TemplateFields {
        /// The reform's first day, dd/mm/yyyy.
        let effective: String
        let sources: [FormerSource]
        /// Whether any former unit's report is held (Mustache reads stored properties only).
        let hasSources: Bool
        /// The former units whose history this node does not hold, by name and code.
        let missing: String?
        /// The columns that do not compare exactly, in words.
        let inexactColumns: String?
    }

    /// One unit below: whether and when its report came, and what a reviewer may settle.
    struct UnitRow: TemplateFields {
        let code: String
        let name: String
        let due: String
        let received: String
        let accepted: String
        let timeliness: String
        let note: String
        let mayRule: Bool
        let maySigningTime: Bool
        /// The first revision was returned: a reviewer may rule its arrival stands.
        let mayFirstRevision: Bool
        /// A flag to settle: the arrival time may be confirmed.
        let mayArrivalTime: Bool
        let rowClass: String
        let drillHref: String
    }

    let csrf: String
    let regimeName: String
    let regimeCode: String
    let period: String
    let unitName: String
    let provisional: Bool
    let base: String
    let extractBase: String
    let exchangeBase: String
    let nationalBase: String
    let contributorCount: Int
    let notCountedCount: Int
    /// The codes of the units not counted, comma-separated; `nil` when all are.
    let notCounted: String?
    /// The units whose figures were typed from a report received outside the system (not signed originals).
    let outsideUnits: String?
    let rows: [Row]
    /// For a view that carries figures from before the reform.
    let history: History?
    let units: [UnitRow]
    let sumExpected: Int
    let sumReceived: Int
    let sumAccepted: Int
    let sumOnTime: Int
    let sumLate: Int
    let sumMissing: Int
    /// The receiving window's announcements (opening, extensions, closing) the table rests on.
    let announcements: [String]
    let hasAnnouncements: Bool
    /// Inline SVG (``SVGChart``), written unescaped.
    let rateChart: String
    /// The trend of one indicator and its figure by unit, when there is one to draw.
    let trendChart: String?
    let trendCaption: String?
    let childChart: String?
    let childCaption: String?
}
