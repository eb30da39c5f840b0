import BaoCaoCore
import Foundation

/// Choosing a regime and period to consolidate, and finding a unit below by name
/// (`aggregate-index.mustache`).
struct AggregateIndexView: PageView {
    static let template = "aggregate-index"

    struct Regime: TemplateFields {
        let code: String
        let name: String
    }

    /// A unit below that matched the search, linked to its figures.
    struct Found: TemplateFields {
        let code: String
        let name: String
        let href: String
    }

    let regimes: [Regime]
    /// The period both forms start with: the previous month, or the one searched for.
    let period: String
    let searched: Bool
    /// What the person typed, shown back (escaped by Mustache).
    let query: String?
    let found: [Found]
    /// The year the ranking form starts with: the current one.
    var year = VietnamTime.civilDate(at: Date()).year
}
