/// A report in the official layout of an administrative document (`print.mustache`).
struct PrintView: PageView {
    static let template = "print"

    let id: String
    let unitName: String
    let parentName: String
    let number: String
    let placeDate: String
    let regimeName: String
    let period: String
    let revision: Int
    let state: String
    let formTitle: String
    let receiverName: String
    let signerTitle: String
    let signerName: String
    /// The narrative, or with an outline what stands before its first heading.
    let narrative: String?
    /// The outline's headings that have text, each over its text (000 art. 13.1).
    let outlined: [ReportView.OutlinePart]
    let hasNarrative: Bool
    let signedAt: String?
    /// ``PageRenderer/largePieceMarker``: the figures' rows are written in its place.
    let tableRows: String
}
