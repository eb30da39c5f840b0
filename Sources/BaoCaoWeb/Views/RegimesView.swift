/// The regime page (`regimes.mustache`): every regime the province's rules set, with who
/// reports, to whom, by when — the note beside an assumed deadline —, on what basis, and
/// how each of its figures accumulates over the year.
struct RegimesView: PageView {
    static let template = "regimes"

    struct Deadline: TemplateFields {
        let senderKind: String
        let rule: String
        let note: String?
    }

    struct Figure: TemplateFields {
        let code: String
        let name: String
        let unit: String
        /// "phát sinh trong kỳ (lũy kế là tổng các kỳ)", "tại thời điểm …", "bình quân …".
        let accumulation: String
    }

    struct Regime: TemplateFields {
        let code: String
        let name: String
        let type: String
        let frequency: String
        let reporters: String
        let receiver: String
        let deadlines: [Deadline]
        let basis: String
        let basisMissing: Bool
        let figures: [Figure]
        let hasFigures: Bool
    }

    let regimes: [Regime]
}
