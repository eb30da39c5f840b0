/// A reporting or receiving body: a province, a district, a commune, a department.
///
/// Administrative units carry their official codes (province 2 digits, district 3,
/// commune 5, as in the General Statistics Office's list); departments use
/// `<province>-<short>`, e.g. `17-SKHDT` (``UnitCode``).
public struct ReportingUnit: Sendable, Hashable, Codable, Identifiable {
    public var code: UnitCode
    /// The Vietnamese name, NFC.
    public var name: String
    /// An English name, where one is published.
    public var nameEn: String?
    public var kind: UnitKind
    /// The code of the unit this one reports to; `nil` for the top of the tree.
    public var parentCode: UnitCode?

    public var id: UnitCode { code }

    public init(code: UnitCode, name: String, nameEn: String? = nil, kind: UnitKind, parentCode: UnitCode? = nil) {
        self.code = code
        self.name = name.nfc
        self.nameEn = nameEn?.nfc
        self.kind = kind
        self.parentCode = parentCode
    }
}
