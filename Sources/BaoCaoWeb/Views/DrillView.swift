/// One unit's figures for a regime-period, and its units below (`drill.mustache`).
struct DrillView: PageView {
    static let template = "drill"

    struct Row: TemplateFields {
        let key: String
        let name: String
        let unit: String
        let value: String
        /// Beside a carried figure: why it does not compare exactly.
        let note: String?
    }

    /// A unit of the new map before the reform: its figures carried from the former units.
    struct Carried: TemplateFields {
        struct Source: TemplateFields {
            let label: String
            let href: String
            /// ", " between sources, nothing after the last.
            let separator: String
        }

        let effective: String
        let sources: [Source]
        let missing: String?
    }

    /// The units below, when there are any.
    struct Children: TemplateFields {
        struct Child: TemplateFields {
            let name: String
            let code: String
            let href: String
        }

        let list: [Child]
    }

    let name: String
    let code: String
    let regime: String
    let period: String
    let back: String
    let hasReport: Bool
    let carried: Carried?
    /// The report's revision, state and signature; `nil` without a report.
    let revision: Int?
    let state: String?
    let signedAt: String?
    /// Who signed the report personally, as what, and when (``PersonalSignature/summary``).
    let personalSigner: String?
    let bundleId: String?
    let relayedFor: String?
    let rows: [Row]
    let children: Children?
}
