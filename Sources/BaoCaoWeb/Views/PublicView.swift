/// The province's published figures for citizens (`public.mustache`).
struct PublicView: PageView {
    static let template = "public"

    struct Indicator {
        let name: String
        let nameEn: String?
        let unit: String
        let latestPeriod: String
        let latestValue: String
        /// Inline SVG (``SVGChart``), written unescaped.
        let chart: String
    }

    let unitName: String
    let indicators: [Indicator]
}
