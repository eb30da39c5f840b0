/// One unit's figures for a regime-period, and its units below (`drill.mustache`).
struct DrillView: PageView {
    static let template = "drill"

    struct Row {
        let key: String
        let name: String
        let unit: String
        let value: String
    }

    /// The units below, when there are any.
    struct Children {
        struct Child {
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
