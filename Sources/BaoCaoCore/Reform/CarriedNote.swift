/// Why one indicator of a successor's figures for a period before the reform is not an
/// exact comparison (``CarriedFigures/notes``).
public enum CarriedNote: Sendable, Hashable {
    /// This unit is the piece that took a divided unit's seat, and the catalog lets the
    /// indicator follow the seat: the divided unit's whole figure is counted here.
    case attributed(divided: [UnitCode])
    /// Part of a divided unit went into this unit and its figure cannot be split (the
    /// catalog does not let the indicator follow the seat, or this is not the seat's piece):
    /// the figure shown leaves that part out and does not compare exactly.
    case notComparable(divided: [UnitCode])

    public var divided: [UnitCode] {
        switch self {
        case .attributed(let codes), .notComparable(let codes): codes
        }
    }

    /// Whether the figure still compares (attributed by the catalog's rule).
    public var isComparable: Bool {
        if case .attributed = self { return true }
        return false
    }

    /// The Vietnamese words shown beside the figure.
    public var vietnameseText: String { vietnameseText() }

    /// The Vietnamese words shown beside the figure, naming the divided units
    /// (`formerName` gives a former unit's name and code as people read them).
    public func vietnameseText(formerName: (UnitCode) -> String = { $0.rawValue }) -> String {
        let names = divided.map(formerName).joined(separator: ", ")
        return switch self {
        case .attributed: "gồm toàn bộ số liệu của đơn vị bị chia \(names) (quy về phần giữ trụ sở theo danh mục)"
        case .notComparable: "không so sánh được: đơn vị \(names) bị chia, số liệu không tách được theo phần"
        }
    }

    /// Both notes on one indicator combine to the weaker: not comparable wins.
    public func merged(with other: CarriedNote) -> CarriedNote {
        let codes = Array(Set(divided + other.divided)).sorted()
        return isComparable && other.isComparable ? .attributed(divided: codes) : .notComparable(divided: codes)
    }
}
