/// The new-person form, or a record's event form when ``recordID`` is set
/// (`personnel-form.mustache`): choices from the personnel catalog in force.
struct PersonnelFormView: PageView {
    static let template = "personnel-form"

    struct Option: TemplateFields {
        let code: String
        let name: String
    }

    let csrf: String
    let action: String
    let recordID: String?
    let kinds: [Option]
    let recruitmentForms: [Option]
    let recruitmentPositions: [Option]
    let work: [Option]
    let ranks: [Option]
    /// Whether the person may enter the sensitive fields (ethnicity, religion).
    let sensitive: Bool
    let ethnicities: [Option]
    let religions: [Option]
    let governmentPositions: [Option]
    let partyPositions: [Option]
    let massPositions: [Option]
    let levels: [Option]
    let trainingTypes: [Option]
    let specialities: [Option]
    let rewards: [Option]
    let disciplines: [Option]
    let ratings: [Option]
}
