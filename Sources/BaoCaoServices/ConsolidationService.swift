import BaoCaoCore
import BaoCaoStore
import Foundation

/// A regime-period's consolidated figures at a node (DESIGN §6).
public struct ConsolidatedView: Sendable {
    public let unit: ReportingUnit
    public let regime: Regime
    public let period: Period
    /// Whether received-but-not-accepted revisions were counted.
    public let provisional: Bool
    public let rows: [ConsolidatedRow]
    /// The revisions the figures come from, one per contributing unit, with their bundles.
    public let contributors: [ReportHeader]
    /// Each contributing unit's own figures for the period, by unit code (what was combined).
    public let contributorValues: [UnitCode: [ValueKey: ExactDecimal]]
    /// Units expected to report that have no revision counted.
    public let notCounted: [ReportingUnit]
    /// Whether the node's own report added figures the children do not give.
    public let includesOwnValues: Bool
    /// The periods of this view before the reform whose figures are carried from the
    /// former units (value, year to date, same period last year), by period.
    public let carried: [Period: CarriedPeriod]
    /// The succession the figures were carried by (former units' names), when any was.
    public let succession: Succession?
    /// The columns with a figure that does not compare exactly (a divided unit's part, a
    /// predecessor's history missing); every other column is exact.
    public let inexactColumns: Set<ConsolidatedColumn>

    /// The columns whose figures compare exactly across the reform.
    public var exactColumns: Set<ConsolidatedColumn> { Set(ConsolidatedColumn.allCases).subtracting(inexactColumns) }

    /// The carried period whose original reports the view points at: the period itself
    /// when it is before the reform, else the same period last year, else the latest
    /// carried period of the year to date.
    public var history: CarriedPeriod? {
        carried[period] ?? period.samePeriodLastYear.flatMap { carried[$0] } ?? carried.keys.max().flatMap { carried[$0] }
    }

    /// A former unit as people read it, "Xã Vầy Nưa (04891)".
    public func formerLabel(_ code: UnitCode) -> String {
        succession?.formerLabel(code) ?? code.rawValue
    }
}

/// One unit's figures as the node holds them, traceable to the signed bundle they came in.
public struct DrillDown: Sendable {
    public let unit: ReportingUnit
    /// The revision shown; `nil` when the node holds none for the regime-period.
    public let report: ReportHeader?
    public let values: [ValueKey: ExactDecimal]
    /// For a unit of the new map in a period before the reform: its figures carried from
    /// the former units (``values`` are then those), with the original reports.
    public var carried: CarriedPeriod? = nil
    /// The succession that names the unit, when it is a former unit or carried figures.
    public var succession: Succession? = nil

    /// The Vietnamese words beside an indicator's carried figure, or `nil`.
    public func note(for indicator: String) -> String? {
        guard let carried, let succession else { return nil }
        return carried.figures.comparison(for: indicator).vietnameseText(formerName: succession.formerLabel)
    }
}

/// Reads consolidated figures: the consolidated view with its comparison columns, the
/// provisional view, drill-down into any descendant, and the pre-filled own report.
public struct ConsolidationService: Sendable {
    public let store: NodeStore
    /// The node's home unit.
    public let home: UnitCode

    public init(store: NodeStore, home: UnitCode) {
        self.store = store
        self.home = home
    }

    /// The states whose revisions count: accepted only, or also received when provisional.
    static func states(provisional: Bool) -> Set<ReportState> { provisional ? [.accepted, .received] : [.accepted] }

    /// The consolidated view of a regime-period, with year-to-date, same-period-last-year
    /// and plan columns.
    public func view(regime regimeCode: RegimeCode, period: Period, provisional: Bool = false, by actor: StaffMember) throws -> ConsolidatedView {
        try require(actor, .read, "xem số liệu tổng hợp")
        let (catalog, topology, regime, form) = try context(regimeCode, period)
        let consolidation = Consolidation(catalog: catalog, form: form)
        let contributors = contributingUnits(regime, topology)
        let earlier = try Period.periods(of: period.kind, in: period.year).filter { $0 < period }
        let lastYear = period.samePeriodLastYear
        let periods = [period] + earlier + (lastYear.map { [$0] } ?? [])
        let succession = try succession(carryingTo: home)
        let carried = try succession.map {
            try self.carried(to: home, regime: regimeCode, periods: periods, succession: $0, consolidation: consolidation, provisional: provisional)
        } ?? [:]
        let reports = try reports(regimeCode, periods: periods.filter { carried[$0] == nil }, contributors: contributors, provisional: provisional)
        let byPeriod = Dictionary(grouping: reports, by: \.header.period)
        func consolidated(_ p: Period) throws -> [ValueKey: ExactDecimal] {
            if let carried = carried[p] { return carried.figures.values }
            return try combine(byPeriod[p] ?? [], consolidation)
        }
        let current = try consolidated(period)
        let ytd = try consolidation.yearToDate(earlier.map(consolidated) + [current])
        let base = try lastYear.map(consolidated) ?? [:]
        var plans: [String: ExactDecimal] = [:]
        for target in catalog.plans where target.unit == home && target.year == period.year { plans[target.indicator] = target.value }
        var columns: [ConsolidatedColumn: [CarriedFigures]] = [:]
        columns[.value] = carried[period].map { [$0.figures] }
        columns[.yearToDate] = ([period] + earlier).compactMap { carried[$0]?.figures }
        columns[.samePeriodLastYear] = lastYear.flatMap { carried[$0] }.map { [$0.figures] }
        let compared = Self.comparisons(consolidation.rows(current: current, yearToDate: ytd, lastYear: base, plans: plans),
                                        catalog: catalog, columns: columns)
        let rows = compared.rows
        var inexact = compared.inexact
        for (column, figures) in columns where figures.contains(where: \.isPartial) { inexact.insert(column) }
        let unit = topology.unit(code: home) ?? ReportingUnit(code: home, name: home.rawValue, kind: .other)
        if let history = carried[period], let succession {
            // Before the reform: the figures are the former units', each its original report.
            return ConsolidatedView(
                unit: unit, regime: regime, period: period, provisional: provisional, rows: rows,
                contributors: history.reports.values.sorted { $0.unitCode < $1.unitCode },
                contributorValues: history.values,
                notCounted: history.figures.missing.map { succession.formerUnit(code: $0) ?? ReportingUnit(code: $0, name: $0.rawValue, kind: .other) },
                includesOwnValues: false, carried: carried, succession: succession, inexactColumns: inexact)
        }
        let counted = (byPeriod[period] ?? []).filter { $0.header.unitCode != home }
        let countedCodes = Set(counted.map(\.header.unitCode))
        return ConsolidatedView(
            unit: unit, regime: regime, period: period, provisional: provisional, rows: rows,
            contributors: counted.map(\.header).sorted { $0.unitCode < $1.unitCode },
            contributorValues: Dictionary(counted.map { ($0.header.unitCode, $0.values) }, uniquingKeysWith: { first, _ in first }),
            notCounted: contributors.filter { !countedCodes.contains($0.code) },
            includesOwnValues: (byPeriod[period] ?? []).contains { $0.header.unitCode == home && !$0.values.isEmpty },
            carried: carried, succession: carried.isEmpty ? nil : succession, inexactColumns: inexact)
    }

    /// Only the consolidated values of a regime-period: what the view's value column holds.
    public func values(regime regimeCode: RegimeCode, period: Period, provisional: Bool = false, by actor: StaffMember) throws -> [ValueKey: ExactDecimal] {
        try require(actor, .read, "xem số liệu tổng hợp")
        return try values(regime: regimeCode, period: period, provisional: provisional)
    }

    func values(regime regimeCode: RegimeCode, period: Period, provisional: Bool) throws -> [ValueKey: ExactDecimal] {
        let (catalog, topology, regime, form) = try context(regimeCode, period)
        if let succession = try succession(carryingTo: home), succession.isBeforeReform(period) {
            return try carried(to: home, regime: regimeCode, periods: [period], succession: succession,
                               consolidation: Consolidation(catalog: catalog, form: form), provisional: provisional)[period]?.figures.values ?? [:]
        }
        let contributors = contributingUnits(regime, topology)
        let reports = try reports(regimeCode, periods: [period], contributors: contributors, provisional: provisional)
        return try combine(reports, Consolidation(catalog: catalog, form: form))
    }

    /// The node's own report to its parent, pre-filled from its consolidated values
    /// (accepted revisions only), as entered values ready for a new draft. Computed
    /// indicators are left out: they are never entered.
    func prefilledOwnReport(regime regimeCode: RegimeCode, period: Period) throws -> [ValueKey: ReportValue] {
        let catalog = try store.catalog()
        let values = try values(regime: regimeCode, period: period, provisional: false)
        var result: [ValueKey: ReportValue] = [:]
        for (key, value) in values {
            guard let indicator = catalog.indicator(code: key.indicator), !indicator.isComputed else { continue }
            result[key] = ReportValue(value)
        }
        return result
    }

    /// A descendant's own figures for a regime-period as this node holds them: its latest
    /// accepted revision (or received, when provisional), with the bundle it came in. For a
    /// unit below a child, that is the archive copy relayed up (DESIGN §6), signed by the
    /// unit itself, accepted or returned as its receiver decided.
    ///
    /// For a period before the reform, a unit of the new map shows its figures carried from
    /// the former units; a former unit (or, with `original`, a unit whose code the new map
    /// reuses) shows its own original signed report.
    public func drillDown(regime regimeCode: RegimeCode, period: Period, unit code: UnitCode, provisional: Bool = false,
                          original: Bool = false, by actor: StaffMember) throws -> DrillDown {
        try require(actor, .read, "xem số liệu của đơn vị cấp dưới")
        let (catalog, topology, _, form) = try context(regimeCode, period)
        let reform = try store.succession()
        if let succession = reform, succession.isBeforeReform(period), !original,
           topology.unit(code: code) != nil, !succession.predecessors(of: code).isEmpty {
            // A unit of the new map before it existed: its figures carried from the former units.
            let unit = try descendant(code, topology)
            let carried = try self.carried(to: code, regime: regimeCode, periods: [period], succession: succession,
                                           consolidation: Consolidation(catalog: catalog, form: form), provisional: provisional)[period]
            return DrillDown(unit: unit, report: nil, values: carried?.figures.values ?? [:], carried: carried, succession: succession)
        }
        if let succession = reform, succession.isBeforeReform(period), let former = succession.formerUnit(code: code),
           original || topology.unit(code: code) == nil {
            // A former unit's original signed report, as its successor's history holds it.
            let carrying = Carrying(succession: succession, consolidation: Consolidation(catalog: catalog, form: form))
            let reachable = topology.subtree(of: home).contains { carrying.sources(of: $0.code).contains(code) }
            guard reachable else {
                throw ServiceError(.invalidInput, message: "Đơn vị \(former.name) (\(code)) không thuộc phạm vi của đơn vị này.",
                                   log: "former unit \(code) is not a predecessor below \(home)")
            }
            let reports = try store.latestReports(regime: regimeCode, periods: [period], states: Self.formerStates(provisional: provisional),
                                                  units: [code])
            return DrillDown(unit: former, report: reports.first?.header, values: reports.first?.values ?? [:], succession: succession)
        }
        let unit = try descendant(code, topology)
        let reports = try store.latestReports(regime: regimeCode, periods: [period], states: Self.states(provisional: provisional),
                                              units: [code])
        return DrillDown(unit: unit, report: reports.first?.header, values: reports.first?.values ?? [:])
    }

    /// A unit of this node's subtree, or the reason it cannot be read here.
    func descendant(_ code: UnitCode, _ topology: Topology) throws -> ReportingUnit {
        guard let unit = topology.unit(code: code) else {
            throw ServiceError(.notFound, message: "Không có đơn vị mã \(code).", log: "unknown unit \(code)")
        }
        guard topology.subtree(of: home).contains(where: { $0.code == code }) else {
            throw ServiceError(.invalidInput, message: "Đơn vị \(unit.name) (\(code)) không thuộc phạm vi của đơn vị này.",
                               log: "unit \(code) is not a descendant of \(home)")
        }
        return unit
    }

    // MARK: -

    /// The units whose reports this node consolidates for a regime: those the regime
    /// asks to report here, or else the node's children.
    func contributingUnits(_ regime: Regime, _ topology: Topology) -> [ReportingUnit] {
        let expected = regime.expectedReporters(at: home, in: topology)
        return expected.isEmpty ? topology.children(of: home) : expected
    }

    /// The contributors' latest counted revisions, and the node's own latest revision
    /// whatever its state (its own figures, being entered or already sent).
    func reports(_ regime: RegimeCode, periods: [Period], contributors: [ReportingUnit], provisional: Bool) throws -> [ContributedReport] {
        try store.latestReports(regime: regime, periods: periods, states: Self.states(provisional: provisional),
                                units: Set(contributors.map(\.code)).subtracting([home]))
            + store.latestReports(regime: regime, periods: periods, states: Set(ReportState.allCases), units: [home])
    }

    /// Children's values combined, then the node's own values for figures none of them gives.
    func combine(_ reports: [ContributedReport], _ consolidation: Consolidation) throws -> [ValueKey: ExactDecimal] {
        var result = try consolidation.combine(reports.filter { $0.header.unitCode != home }.map(\.values))
        if let own = reports.first(where: { $0.header.unitCode == home }) {
            let wanted = Set(consolidation.indicatorCodes)
            for (key, value) in own.values where result[key] == nil && wanted.contains(key.indicator) {
                guard let indicator = consolidation.catalog.indicator(code: key.indicator), !indicator.isComputed else { continue }
                result[key] = value
            }
        }
        return result
    }

    func context(_ regimeCode: RegimeCode, _ period: Period) throws -> (Catalog, Topology, Regime, Form) {
        let catalog = try store.catalog()
        guard let regime = catalog.regime(code: regimeCode) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo mã \(regimeCode).", log: "unknown regime \(regimeCode)")
        }
        if let frequency = regime.frequency, frequency != period.kind {
            throw ServiceError(.invalidInput, message: "Kỳ \(period) không phải kỳ báo cáo của chế độ \(regimeCode).",
                               log: "period \(period) does not match regime \(regimeCode) frequency \(frequency)")
        }
        guard let form = catalog.form(code: regime.form) else {
            throw ServiceError(.notFound, message: "Không có biểu mẫu \(regime.form) của chế độ \(regimeCode).", log: "unknown form \(regime.form)")
        }
        return (catalog, try store.topology(), regime, form)
    }
}
