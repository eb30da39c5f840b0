import Mustache
import Synchronization

/// A view whose stored properties a template reads by name, each lookup going straight to
/// the one property it names.
///
/// swift-mustache reads a plain value's properties through `Mirror`: every lookup walks all
/// of the value's properties, reading each one's name and type, to find one by its name — and
/// a name the value does not have (one the template looks up in an enclosing section) walks
/// them all for nothing. On the data-entry page that was 40 % of the web node's CPU. Here the
/// names of a type's properties are read once, the first time one of its values is rendered;
/// a lookup then reads only the property it names, and a name the type does not have is
/// answered at once.
///
/// What a template sees does not change: stored properties only, an optional unwrapped (one
/// level, as swift-mustache does), `nil` as absent.
protocol TemplateFields: MustacheParent {}

extension TemplateFields {
    func child(named name: String) -> Any? {
        let children = Mirror(reflecting: self).children
        guard let offset = TemplateFieldNames.offset(of: name, in: Self.self, children: children) else { return nil }
        let value = children[children.index(children.startIndex, offsetBy: offset)].value
        if let optional = value as? any OptionalTemplateValue { return optional.wrappedTemplateValue }
        return value
    }
}

/// The position of each stored property among a type's `Mirror` children, by name, for every
/// type rendered so far.
enum TemplateFieldNames {
    private static let offsets = Mutex<[ObjectIdentifier: [String: Int]]>([:])

    static func offset(of name: String, in type: Any.Type, children: Mirror.Children) -> Int? {
        let key = ObjectIdentifier(type)
        if let known = offsets.withLock({ $0[key] }) { return known[name] }
        var names: [String: Int] = [:]
        for (offset, child) in children.enumerated() {
            guard let label = child.label, names[label] == nil else { continue }
            names[label] = offset
        }
        offsets.withLock { $0[key] = names }
        return names[name]
    }
}

/// An optional property, unwrapped as swift-mustache unwraps one.
private protocol OptionalTemplateValue {
    var wrappedTemplateValue: Any? { get }
}

extension Optional: OptionalTemplateValue {
    fileprivate var wrappedTemplateValue: Any? { self.map { $0 } }
}
