/// Figures a file brought, each checked on its own against one form as it was added (on
/// the form, not computed, its breakdown, its type, its decimals, its bounds: the
/// ``FigureChecks``), each key once, kept in the order the file gave them.
///
/// A draft taking them runs only the checks of the report as a whole
/// (``Catalog/validate(_:on:reporter:)-(CheckedFigures,_,_)``) and writes them in this
/// order, instead of checking each of ten thousand figures a second time and sorting them.
/// Only ``claim(_:position:)`` and the `add` methods make one, so every figure in it has
/// passed its checks.
public struct CheckedFigures: Sendable {
    /// The right to add one key, given once per key by ``claim(_:position:)``.
    public struct Claim: Sendable {
        public let key: ValueKey
        /// The indicator's checks on this form.
        public let entry: FigureChecks.Entry
    }

    public enum ClaimOutcome: Sendable {
        case claimed(Claim)
        /// The indicator is not on the form.
        case notOnForm
        /// The key was claimed before, by the cell at this position.
        case taken(firstPosition: Int)
    }

    /// The form they were checked against.
    public let formCode: String
    public let formVersion: Int
    /// In the order they were added.
    public private(set) var keys: [ValueKey] = []
    public private(set) var values: [ReportValue] = []
    /// Each figure's number, read once; nil for a text or yes/no figure.
    public private(set) var numbers: [ExactDecimal?] = []
    private let checks: FigureChecks
    /// Each claimed key: the position of the cell that claimed it.
    private var positions: [ValueKey: Int] = [:]
    /// The checks of the indicator claimed last.
    private var lastEntry: FigureChecks.Entry?

    public init(form: Form, checks: FigureChecks, capacity: Int = 0) {
        formCode = form.code
        formVersion = form.version
        self.checks = checks
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        numbers.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Takes `key` for the cell at `position` (an index the caller says problems by), when
    /// its indicator is on the form and no cell took it before.
    public mutating func claim(_ key: ValueKey, position: Int) -> ClaimOutcome {
        // A file gives an indicator's figures together: its checks are looked up once for them.
        let entry: FigureChecks.Entry
        if let last = lastEntry, last.indicator.code == key.indicator {
            entry = last
        } else {
            guard let found = checks.entry(for: key.indicator) else { return .notOnForm }
            entry = found
            lastEntry = found
        }
        if let first = positions.updateValue(position, forKey: key) {
            positions[key] = first
            return .taken(firstPosition: first)
        }
        return .claimed(Claim(key: key, entry: entry))
    }

    /// Adds a number read from the cell, unless the figure's own checks find a problem,
    /// which is returned instead.
    public mutating func add(_ number: ExactDecimal, status: ReportValue.Status = .final, for claim: Claim) -> ValueProblem? {
        if let problem = claim.entry.problem(ofNumber: number, key: claim.key) { return problem }
        append(claim.key, ReportValue(number, status: status), number)
        return nil
    }

    /// Adds a text or yes/no figure, unless its own checks find a problem, which is
    /// returned instead.
    public mutating func add(_ value: ReportValue, for claim: Claim) -> ValueProblem? {
        if let problem = claim.entry.computedProblem(claim.key) ?? claim.entry.breakdownProblem(claim.key) { return problem }
        switch claim.entry.read(value.text, key: claim.key) {
        case .failure(let problem):
            return problem
        case .success(let number):
            append(claim.key, value, number)
            return nil
        }
    }

    private mutating func append(_ key: ValueKey, _ value: ReportValue, _ number: ExactDecimal?) {
        keys.append(key)
        values.append(value)
        numbers.append(number)
    }

    /// The figures by key.
    public var dictionary: [ValueKey: ReportValue] {
        Dictionary(uniqueKeysWithValues: zip(keys, values))
    }
}
