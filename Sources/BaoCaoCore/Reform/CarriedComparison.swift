/// How one figure carried across the reform compares with the successor's own later
/// figures: the note on its indicator (attributed or not comparable) and the former units
/// whose history is missing. Several carried periods (a year to date of January–June)
/// merge into one.
public struct CarriedComparison: Sendable, Hashable {
    public var note: CarriedNote?
    /// Former units whose history this node does not hold, sorted.
    public var missing: [UnitCode]

    public init(note: CarriedNote? = nil, missing: [UnitCode] = []) {
        self.note = note
        self.missing = missing
    }

    /// Whether some predecessor's history is missing.
    public var isPartial: Bool { !missing.isEmpty }

    /// Whether the figure compares exactly (or by the catalog's attribution rule).
    public var isComparable: Bool { !isPartial && (note?.isComparable ?? true) }

    /// Whether there is anything to say beside the figure.
    public var isNoted: Bool { note != nil || isPartial }

    /// Both comparisons of one figure: the weaker note, every missing unit.
    public func merged(with other: CarriedComparison) -> CarriedComparison {
        let note: CarriedNote? = switch (self.note, other.note) {
        case (let a?, let b?): a.merged(with: b)
        case (let a?, nil): a
        case (nil, let b): b
        }
        return CarriedComparison(note: note, missing: Array(Set(missing + other.missing)).sorted())
    }

    /// The Vietnamese words beside the figure, or `nil` when it compares exactly:
    /// "không so sánh được: …", "chưa đủ: thiếu số liệu của N đơn vị trước sắp xếp (…)".
    public func vietnameseText(formerName: (UnitCode) -> String = { $0.rawValue }) -> String? {
        var parts: [String] = []
        if let note { parts.append(note.vietnameseText(formerName: formerName)) }
        if isPartial {
            let names = missing.prefix(5).map(formerName).joined(separator: ", ") + (missing.count > 5 ? "…" : "")
            parts.append("chưa đủ: thiếu số liệu của \(missing.count) đơn vị trước sắp xếp (\(names))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
