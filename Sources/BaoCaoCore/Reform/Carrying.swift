/// Derives a successor's figures for a period before the reform (``CarriedFigures``) from
/// the figures a node holds for the former units:
///
/// - a whole merge carries its predecessors' sums exactly; ratio, average and formula
///   indicators are recomputed from the carried components (``Consolidation``);
/// - a divided unit's figure goes to the piece that took its seat only for indicators the
///   catalog lets follow it (``Indicator/carriesToDefaultPiece``); otherwise, and at every
///   other piece, the indicator is marked not comparable;
/// - a former unit whose own report is not held is consolidated from its own former
///   children (a province from its districts or communes), and what is held of none of
///   them is listed as missing — the figure is then partial.
public struct Carrying: Sendable {
    public let succession: Succession
    public let consolidation: Consolidation

    public init(succession: Succession, consolidation: Consolidation) {
        self.succession = succession
        self.consolidation = consolidation
    }

    /// The former units whose held figures ``carry(to:period:held:)`` may read for a
    /// successor: its predecessors and all their former descendants.
    public func sources(of successor: UnitCode) -> Set<UnitCode> {
        var result: Set<UnitCode> = []
        var queue = succession.predecessors(of: successor).map(\.former)
        while let code = queue.popLast() {
            guard result.insert(code).inserted else { continue }
            queue += formerChildren(of: code)
        }
        return result
    }

    /// The successor's figures for a period before the reform, from `held`: each former
    /// unit's own figures for that period, as this node holds them (its latest counted
    /// report), by code.
    public func carry(to successor: UnitCode, period: Period, held: [UnitCode: [ValueKey: ExactDecimal]]) throws -> CarriedFigures {
        var result = CarriedFigures(successor: successor, period: period)
        var contributions: [[ValueKey: ExactDecimal]] = []
        let wanted = Set(consolidation.indicatorCodes)
        for link in succession.predecessors(of: successor) {
            let (figures, counted, missing) = try self.figures(of: link.former, held: held)
            result.counted += counted
            result.missing += missing
            guard let figures else { continue }
            switch (link.share, link.isDefault) {
            case (.whole, _):
                contributions.append(figures)
            case (.part, true):
                var attributed: [ValueKey: ExactDecimal] = [:]
                for (key, value) in figures where wanted.contains(key.indicator) {
                    if consolidation.catalog.indicator(code: key.indicator)?.carriesToDefaultPiece == true {
                        attributed[key] = value
                        note(&result, key.indicator, .attributed(divided: [link.former]))
                    } else {
                        note(&result, key.indicator, .notComparable(divided: [link.former]))
                    }
                }
                contributions.append(attributed)
            default:
                for key in figures.keys where wanted.contains(key.indicator) {
                    note(&result, key.indicator, .notComparable(divided: [link.former]))
                }
            }
        }
        if contributions.count == 1, result.notes.isEmpty {
            // One predecessor wholly: its own figures, text and all, unchanged.
            result.values = contributions[0].filter { wanted.contains($0.key.indicator) }
        } else {
            result.values = try consolidation.combine(contributions)
        }
        propagateNotesToDependents(&result)
        result.counted.sort()
        result.missing.sort()
        return result
    }

    // MARK: -

    /// A former unit's figures: its own held figures, or else its former children's
    /// consolidated; with which units were counted and which are missing.
    func figures(of former: UnitCode, held: [UnitCode: [ValueKey: ExactDecimal]]) throws
        -> (figures: [ValueKey: ExactDecimal]?, counted: [UnitCode], missing: [UnitCode]) {
        if let own = held[former] { return (own, [former], []) }
        let children = formerChildren(of: former)
        guard !children.isEmpty else { return (nil, [], [former]) }
        var parts: [[ValueKey: ExactDecimal]] = []
        var counted: [UnitCode] = []
        var missing: [UnitCode] = []
        for child in children {
            let (figures, c, m) = try self.figures(of: child, held: held)
            if let figures { parts.append(figures) }
            counted += c
            missing += m
        }
        // Nothing of it held at all: the predecessor itself is what is missing.
        guard !parts.isEmpty else { return (nil, [], [former]) }
        return (try consolidation.combine(parts), counted, missing)
    }

    func formerChildren(of code: UnitCode) -> [UnitCode] {
        succession.formerUnits.filter { $0.parentCode == code && $0.kind != .department }.map(\.code)
    }

    private func note(_ result: inout CarriedFigures, _ indicator: String, _ note: CarriedNote) {
        result.notes[indicator] = result.notes[indicator].map { $0.merged(with: note) } ?? note
    }

    /// A ratio, weighted average or formula reading a noted indicator carries its note.
    private func propagateNotesToDependents(_ result: inout CarriedFigures) {
        var changed = true
        while changed {
            changed = false
            for code in consolidation.indicatorCodes where result.notes[code] == nil {
                guard let indicator = consolidation.catalog.indicator(code: code) else { continue }
                var reads = Set(indicator.aggregation.referencedIndicators)
                if let formula = indicator.formula, let parsed = try? Formula(parsing: formula) { reads.formUnion(parsed.referencedIndicators) }
                let inherited = reads.compactMap { result.notes[$0] }
                guard let first = inherited.first else { continue }
                result.notes[code] = inherited.dropFirst().reduce(first) { $0.merged(with: $1) }
                changed = true
            }
        }
    }
}
