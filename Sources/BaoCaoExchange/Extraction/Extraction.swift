import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation

/// One figure of an extraction: whose, for what, and its exact value.
public struct ExtractedFigure: Sendable, Hashable, Codable {
    public let unitCode: UnitCode
    public let unitName: String
    public let regime: RegimeCode
    public let period: Period
    /// The value key (`NN02`, `DS01[GT=NAM]`).
    public let key: String
    public let indicatorName: String
    public let unitOfMeasure: String
    /// Canonical decimal text (`1245.5`), or the text of a text figure.
    public let value: String
    /// For a figure of a period before the 2025 reform carried from the former units: why
    /// it does not compare exactly with the unit's own later figures (not comparable,
    /// partial), in Vietnamese; `nil` when it does.
    public var comparisonNote: String? = nil
}

/// Extracts figures for people and other systems (seed 000 art. 13.5): a regime-period's
/// consolidated values at this node, or the figures of one unit, or of every unit in a
/// unit's subtree that this node holds (its children's reports and the archive copies
/// relayed up from below).
public struct Extraction: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    public func figures(regime: RegimeCode, period: Period, unit: UnitCode? = nil, subtree: Bool = false, provisional: Bool = false,
                        by actor: StaffMember) throws -> [ExtractedFigure] {
        let catalog = try work.store.catalog()
        let topology = try work.runtime.topology()
        let consolidation = ConsolidationService(store: work.store, home: work.home)
        func rows(_ code: UnitCode, _ values: [ValueKey: ExactDecimal], note: (String) -> String? = { _ in nil }) -> [ExtractedFigure] {
            let name = topology.unit(code: code)?.name ?? code.rawValue
            return values.sorted { $0.key < $1.key }.map { key, value in
                let indicator = catalog.indicator(code: key.indicator)
                return ExtractedFigure(unitCode: code, unitName: name, regime: regime, period: period, key: key.description,
                                       indicatorName: indicator?.name ?? key.indicator, unitOfMeasure: indicator?.unitOfMeasure ?? "",
                                       value: value.description, comparisonNote: note(key.indicator))
            }
        }
        // The node's own figures: before the reform, carried from the former units and noted.
        func home() throws -> [ExtractedFigure] {
            guard let figures = try consolidation.figures(regime: regime, periods: [period], provisional: provisional, by: actor).first else { return [] }
            return rows(work.home, figures.values, note: figures.note)
        }
        guard let unit, unit != work.home || subtree else { return try home() }
        guard topology.unit(code: unit) != nil else {
            throw ExchangeError(.notFound, message: "Không có đơn vị mã \(unit).", log: "extract: unknown unit \(unit)")
        }
        var units = subtree ? topology.subtree(of: unit).map(\.code) : [unit]
        if subtree, units.contains(work.home) {
            units.removeAll { $0 == work.home }
            units.insert(work.home, at: 0)
        }
        var result: [ExtractedFigure] = []
        for code in units {
            if code == work.home {
                result += try home()
            } else {
                let drill = try consolidation.drillDown(regime: regime, period: period, unit: code, provisional: provisional, by: actor)
                result += rows(code, drill.values, note: drill.note)
            }
        }
        return result
    }
}
