import BaoCaoExchange

/// A record printed as the official curriculum vitae, Mẫu 2C-BNV/2008
/// (`personnel-cv.mustache`), A4 for the browser's Print → PDF.
struct CurriculumVitaeView: PageView {
    static let template = "personnel-cv"

    let cv: CurriculumVitae
    /// The record's page.
    let back: String
}
