/// A successor's figures for one period before the reform, derived from the signed
/// reports of the units it succeeded (which stay as they were signed, under their own
/// codes): what a consolidated view, lũy kế, cùng kỳ, trend or extract shows for that
/// period, with what makes the comparison inexact.
public struct CarriedFigures: Sendable, Hashable {
    public let successor: UnitCode
    public let period: Period
    public var values: [ValueKey: ExactDecimal]
    /// By indicator code: the indicators whose figure is attributed or not comparable.
    public var notes: [String: CarriedNote]
    /// The former units whose figures are counted (their reports, or their own former
    /// children's when the unit's own report is not held).
    public var counted: [UnitCode]
    /// Former units whose history this node does not hold: the figure is partial.
    public var missing: [UnitCode]

    public init(successor: UnitCode, period: Period, values: [ValueKey: ExactDecimal] = [:], notes: [String: CarriedNote] = [:],
                counted: [UnitCode] = [], missing: [UnitCode] = []) {
        self.successor = successor
        self.period = period
        self.values = values
        self.notes = notes
        self.counted = counted
        self.missing = missing
    }

    /// Whether some predecessor's history is missing.
    public var isPartial: Bool { !missing.isEmpty }

    /// Whether an indicator's figure compares exactly with the successor's own later
    /// figures (or by the catalog's attribution rule).
    public func isComparable(_ indicator: String) -> Bool {
        !isPartial && (notes[indicator]?.isComparable ?? true)
    }

    /// How one indicator's carried figure compares: its note and the missing predecessors.
    public func comparison(for indicator: String) -> CarriedComparison {
        CarriedComparison(note: notes[indicator], missing: missing)
    }

    /// The Vietnamese words beside an indicator's figure, or `nil` when it compares exactly.
    public func vietnameseNote(for indicator: String, formerName: (UnitCode) -> String = { $0.rawValue }) -> String? {
        comparison(for: indicator).vietnameseText(formerName: formerName)
    }
}
