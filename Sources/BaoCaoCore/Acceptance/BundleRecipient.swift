/// Whom a bundle is addressed to: one unit, or every unit (`*` on the wire).
///
/// Releases and notices go to every unit (``AcceptanceTable/rows`` says which kinds may); everything
/// else names one. Before this type the broadcast address was the string `"*"` among unit
/// codes, so nothing stopped a `"*"` from reaching a lookup by unit code or a folder name;
/// now a recipient that is a unit says so (``unit``), and the broadcast is its own case.
public struct BundleRecipient: TextRepresentable {
    private enum Storage: Hashable, Sendable {
        case everyone
        case unit(UnitCode)
    }

    private let storage: Storage

    private init(storage: Storage) { self.storage = storage }

    /// Every unit: the recipient of releases and broadcast notices.
    public static let everyone = BundleRecipient(storage: .everyone)

    /// One unit.
    public static func unit(_ code: UnitCode) -> BundleRecipient { BundleRecipient(storage: .unit(code)) }

    /// How the broadcast address is written in a manifest.
    public static let everyoneText = "*"

    /// The unit addressed, or `nil` when the bundle is for every unit.
    public var unit: UnitCode? {
        if case .unit(let code) = storage { return code }
        return nil
    }

    /// Whether the bundle is for every unit.
    public var isEveryone: Bool { storage == .everyone }

    /// Reads a manifest's `recipient`: `*` or a unit code.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidUnitCode`` when the text is neither.
    public init(parsing text: String) throws {
        self = text == Self.everyoneText ? .everyone : .unit(try UnitCode(parsing: text))
    }
}

extension BundleRecipient {
    /// As written in a manifest: `*` or the unit's code.
    public var description: String { unit?.rawValue ?? Self.everyoneText }
}
