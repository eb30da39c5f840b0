/// The yearly ranking of the units below by their compliance with the periodic regimes
/// (`ranking.mustache`; seed 000 arts. 18, 22), with the receiving windows' announcements
/// it rests on.
struct RankingView: PageView {
    static let template = "ranking"

    struct Row: TemplateFields {
        let rank: Int
        let code: String
        let name: String
        let due: Int
        let onTime: Int
        let late: Int
        let missing: Int
        let percent: String
    }

    /// One regime-period whose window was announced, with its announcements in words.
    struct Basis: TemplateFields {
        let regime: String
        let period: String
        let announcements: String
    }

    let year: Int
    let rows: [Row]
    let hasRows: Bool
    let basis: [Basis]
    let hasBasis: Bool
}
