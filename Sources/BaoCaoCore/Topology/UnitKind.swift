/// What kind of body a unit is. Levels are data, not code: a province may have
/// districts between it and its communes (before 1 July 2025) or not (after).
public enum UnitKind: String, Sendable, Codable, CaseIterable, Comparable {
    case national
    case province
    case district
    case commune
    case department
    case other

    /// The Vietnamese word used in lists and messages.
    public var vietnameseName: String {
        switch self {
        case .national: "trung ương"
        case .province: "tỉnh"
        case .district: "huyện"
        case .commune: "xã"
        case .department: "sở, ban, ngành"
        case .other: "đơn vị khác"
        }
    }

    /// The kinds a unit of this kind may hang under.
    var allowedParents: Set<UnitKind?> {
        switch self {
        case .national: [nil]
        case .province: [nil, .national]
        case .district: [.province]
        case .commune: [.province, .district]
        case .department: [.province, .district, .national]
        case .other: [nil, .national, .province, .district, .commune, .department, .other]
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: UnitKind, rhs: UnitKind) -> Bool { lhs.order < rhs.order }
}
