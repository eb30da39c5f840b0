/// The province's published figures for citizens (`public.mustache`).
struct PublicView: PageView {
    static let template = "public"

    struct Indicator: TemplateFields {
        let name: String
        let nameEn: String?
        let unit: String
        let latestPeriod: String
        let latestValue: String
        /// "công bố lần 1 ngày 05/11/2026".
        let published: String
        /// How many units the figures rest on.
        let completeness: String
        /// What the latest correction changed of this indicator, if it did.
        let correction: String?
        /// Inline SVG (``SVGChart``), written unescaped.
        let chart: String
    }

    /// One period's publication in force.
    struct Publication: TemplateFields {
        let regime: String
        let period: String
        let title: String
        let completeness: String
        let reason: String?
        /// What the correction changed ("NN02: 1.245,5 → 1.300; …"), if it is one that did.
        let changes: String?
    }

    let unitName: String
    let indicators: [Indicator]
    let publications: [Publication]
}
