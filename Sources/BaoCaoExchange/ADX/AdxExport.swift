import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation

/// Gathers the figures an ADX file carries from the node: the unit's own report, the
/// consolidated figures, or several descendants' own figures.
public struct AdxExport: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// The latest revision of the node's own report for the regime-period.
    ///
    /// #### Errors
    /// ``ExchangeError`` `.notFound` when the unit has no report for it.
    public func ownReport(regime: RegimeCode, period: Period, by actor: StaffMember) throws -> AdxUnitValues {
        let reports = ReportService(work: work)
        guard let latest = try reports.latest(regime: regime, period: period), let id = latest.id else {
            throw ExchangeError(.notFound, message: "Đơn vị chưa có báo cáo \(regime) kỳ \(period) để xuất.", log: "adx export: no report \(regime) \(period)")
        }
        let values = try reports.details(report: id, by: actor).values
        return AdxUnitValues(unit: work.home, values: values.mapValues(\.text))
    }

    /// The node's consolidated figures for the regime-period (accepted revisions).
    public func consolidated(regime: RegimeCode, period: Period, by actor: StaffMember) throws -> AdxUnitValues {
        let values = try ConsolidationService(store: work.store, home: work.home).values(regime: regime, period: period, by: actor)
        return AdxUnitValues(unit: work.home, values: values.mapValues(\.description))
    }

    /// Each descendant's own figures as the node holds them, one group per unit.
    public func units(_ codes: [UnitCode], regime: RegimeCode, period: Period, by actor: StaffMember) throws -> [AdxUnitValues] {
        let service = ConsolidationService(store: work.store, home: work.home)
        return try codes.map { code in
            AdxUnitValues(unit: code, values: try service.drillDown(regime: regime, period: period, unit: code, by: actor).values.mapValues(\.description))
        }
    }
}
