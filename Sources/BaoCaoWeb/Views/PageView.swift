/// What one template is given to render: a struct per template, its stored properties
/// named as the template names them, its rows nested structs.
///
/// A template reads a view's stored properties by name (``TemplateFields``) — a computed
/// property is invisible to it —, unwraps optionals, and looks a name it does not find up
/// in the enclosing sections. So a `nil` property reads as absent and
/// `{{#narrative}}` shows nothing when there is none, while an empty string is a value and
/// opens the section: what a template tests with `{{#…}}` is an optional, a `Bool` or a list.
protocol PageView: TemplateFields {
    /// The template's name: its file in `Templates/` without `.mustache`.
    static var template: String { get }
}
