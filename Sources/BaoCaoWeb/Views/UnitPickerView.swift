/// The host's first page (`unit-picker.mustache`): the units hosted behind this address,
/// each a link to its own sign-in; the unit this browser last signed in to comes first.
struct UnitPickerView: PageView {
    static let template = "unit-picker"

    struct Unit: TemplateFields {
        let code: String
        let name: String
        /// `/<code>/dang-nhap`.
        let signIn: String
    }

    /// The unit this browser last went to (the `baocao_don_vi` cookie), if it is hosted here.
    let last: Unit?
    let units: [Unit]
    let count: Int
    /// What the person typed to narrow the list, as typed.
    let query: String
    /// Nothing hosted here matches `query`.
    let nothingFound: Bool
}
