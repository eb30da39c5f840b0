import BaoCaoCore
import BaoCaoStore
import Foundation

/// A unit of the new map's figures for one period before the reform, carried from the
/// former units' original reports this node holds (which stay as they were signed, under
/// their own codes).
public struct CarriedPeriod: Sendable {
    public let figures: CarriedFigures
    /// The original signed revision counted for each former unit, by its code.
    public let reports: [UnitCode: ReportHeader]
    /// Each counted former unit's own figures, by its code (what was carried).
    public let values: [UnitCode: [ValueKey: ExactDecimal]]
}

/// One figure of a regime-period at a unit, with how it compares across the reform when it
/// is carried from the former units (``CarriedPeriod``): what trends and extracts read.
public struct PeriodFigures: Sendable {
    public let period: Period
    public let values: [ValueKey: ExactDecimal]
    /// For a period before the reform at a unit of the new map: where the figures come from.
    public let carried: CarriedPeriod?
    /// The succession the figures were carried by, for former units' names.
    public let succession: Succession?

    /// The Vietnamese words beside an indicator's figure (not comparable, partial), or
    /// `nil` when the figure is the unit's own or carries over exactly.
    public func note(for indicator: String) -> String? {
        guard let carried, let succession else { return nil }
        return carried.figures.comparison(for: indicator).vietnameseText(formerName: succession.formerLabel)
    }

    /// Whether an indicator's figure compares exactly with the unit's own later figures.
    public func isComparable(_ indicator: String) -> Bool {
        carried?.figures.comparison(for: indicator).isComparable ?? true
    }
}

extension ConsolidationService {
    /// The succession this node holds when `unit` is a unit of the new map that succeeded
    /// former units; `nil` when no reform concerns it.
    func succession(carryingTo unit: UnitCode) throws -> Succession? {
        guard let succession = try store.succession(), !succession.predecessors(of: unit).isEmpty else { return nil }
        return succession
    }

    /// The states of a former unit's revision that count in a successor's history: the
    /// counted states of a received report, and the unit's own signed reports (approved or
    /// sent, as a merged commune's history arrives at its successor).
    static func formerStates(provisional: Bool) -> Set<ReportState> {
        states(provisional: provisional).union([.approved, .sent])
    }

    /// `unit`'s figures for each period before the reform in `periods`, carried from the
    /// former units' latest counted reports this node holds (one query for all of them).
    func carried(to unit: UnitCode, regime: RegimeCode, periods: [Period], succession: Succession, consolidation: Consolidation,
                 provisional: Bool) throws -> [Period: CarriedPeriod] {
        let before = periods.filter(succession.isBeforeReform)
        guard !before.isEmpty else { return [:] }
        let carrying = Carrying(succession: succession, consolidation: consolidation)
        let reports = try store.latestReports(regime: regime, periods: before, states: Self.formerStates(provisional: provisional),
                                              units: carrying.sources(of: unit))
        let byPeriod = Dictionary(grouping: reports, by: \.header.period)
        var result: [Period: CarriedPeriod] = [:]
        for period in before {
            let held = Dictionary((byPeriod[period] ?? []).map { ($0.header.unitCode, $0) }, uniquingKeysWith: { first, _ in first })
            let figures = try carrying.carry(to: unit, period: period, held: held.mapValues(\.values))
            let counted = figures.counted.compactMap { held[$0] }
            result[period] = CarriedPeriod(
                figures: figures,
                reports: Dictionary(counted.map { ($0.header.unitCode, $0.header) }, uniquingKeysWith: { first, _ in first }),
                values: Dictionary(counted.map { ($0.header.unitCode, $0.values) }, uniquingKeysWith: { first, _ in first }))
        }
        return result
    }

    /// The node's figures for several periods of a regime, each with how it compares: the
    /// consolidated values, or for a period before the reform the home's carried figures.
    /// What the trend chart draws.
    public func figures(regime regimeCode: RegimeCode, periods: [Period], provisional: Bool = false,
                        by actor: StaffMember) throws -> [PeriodFigures] {
        try require(actor, .read, "xem số liệu tổng hợp")
        guard let first = periods.first else { return [] }
        let (catalog, topology, regime, form) = try context(regimeCode, first)
        let consolidation = Consolidation(catalog: catalog, form: form)
        let succession = try succession(carryingTo: home)
        let carried = try succession.map {
            try self.carried(to: home, regime: regimeCode, periods: periods, succession: $0, consolidation: consolidation, provisional: provisional)
        } ?? [:]
        let own = periods.filter { carried[$0] == nil }
        let reports = try reports(regimeCode, periods: own, contributors: contributingUnits(regime, topology), provisional: provisional)
        let byPeriod = Dictionary(grouping: reports, by: \.header.period)
        return try periods.map { period in
            if let carried = carried[period] {
                return PeriodFigures(period: period, values: carried.figures.values, carried: carried, succession: succession)
            }
            return PeriodFigures(period: period, values: try combine(byPeriod[period] ?? [], consolidation), carried: nil, succession: nil)
        }
    }

    /// The comparison of each row's carried columns, and which columns are inexact (a
    /// column with a partial history is inexact even where no row shows it).
    static func comparisons(_ rows: [ConsolidatedRow], catalog: Catalog, columns: [ConsolidatedColumn: [CarriedFigures]])
        -> (rows: [ConsolidatedRow], inexact: Set<ConsolidatedColumn>) {
        var inexact: Set<ConsolidatedColumn> = []
        let result = rows.map { row in
            var row = row
            let indicator = catalog.indicator(code: row.key.indicator)
            for (column, carried) in columns where !carried.isEmpty {
                // A stock's lũy kế is the latest period's own figure: the former units' months do not enter it.
                if column == .yearToDate, indicator?.effectiveMeasure == .stock || row.yearToDate == nil { continue }
                let comparison = carried.dropFirst().reduce(carried[0].comparison(for: row.key.indicator)) {
                    $0.merged(with: $1.comparison(for: row.key.indicator))
                }
                // A partial history beside an empty cell says nothing; a divided unit's note says why it is empty.
                let figure = switch column {
                case .value: row.value
                case .yearToDate: row.yearToDate
                case .samePeriodLastYear: row.samePeriodLastYear
                }
                if figure == nil, comparison.note == nil { continue }
                row.comparisons[column] = comparison
                if !comparison.isComparable { inexact.insert(column) }
            }
            return row
        }
        return (result, inexact)
    }
}
