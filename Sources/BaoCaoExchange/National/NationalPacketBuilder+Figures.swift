import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The figure packets: số liệu báo cáo (consolidated and per unit), dữ liệu chỉ số,
/// trạng thái báo cáo and gửi đề cương.
extension NationalPacketBuilder {
    /// Số liệu báo cáo: the node's consolidated figures for a regime-period.
    public func reportData(regime: RegimeCode, period: Period, provisional: Bool = false) throws -> NationalPacket<NationalReportData> {
        let values = try ConsolidationService(store: store, home: home).values(regime: regime, period: period, provisional: provisional, by: actor)
        return try packet(.reportData, NationalReportData(regimeCode: regime, period: period, unitCode: home,
                                                          provisional: provisional, figures: Self.figures(values)))
    }

    /// Số liệu báo cáo danh sách: one row per unit, each unit's own latest counted figures
    /// (the node's own report first, whatever its state, then the contributors by code).
    public func reportDataList(regime: RegimeCode, period: Period, provisional: Bool = false) throws -> NationalPacket<NationalReportDataList> {
        let view = try ConsolidationService(store: store, home: home).view(regime: regime, period: period, provisional: provisional, by: actor)
        let topology = try store.topology()
        let own = try store.latestReports(regime: regime, periods: [view.period], states: Set(ReportState.allCases), units: [home])
        var rows = own.filter { !$0.values.isEmpty }.map { report in
            NationalReportDataList.Row(unitCode: home, unitName: view.unit.name, revision: report.header.revision,
                                       state: report.header.state.rawValue, figures: Self.figures(report.values))
        }
        for header in view.contributors {
            rows.append(NationalReportDataList.Row(
                unitCode: header.unitCode, unitName: topology.unit(code: header.unitCode)?.name ?? header.unitCode.rawValue, revision: header.revision,
                state: header.state.rawValue, figures: Self.figures(view.contributorValues[header.unitCode] ?? [:])))
        }
        return try packet(.reportDataList, NationalReportDataList(regimeCode: regime, period: view.period, rows: rows))
    }

    /// Dữ liệu chỉ số: the consolidated figures grouped by indicator, in catalog order.
    public func indicatorData(regime: RegimeCode, period: Period, provisional: Bool = false) throws -> NationalPacket<NationalIndicatorData> {
        let values = try ConsolidationService(store: store, home: home).values(regime: regime, period: period, provisional: provisional, by: actor)
        let catalog = try store.catalog()
        let byIndicator = Dictionary(grouping: values, by: \.key.indicator)
        let entries = catalog.indicators.compactMap { indicator -> NationalIndicatorData.Entry? in
            guard let figures = byIndicator[indicator.code] else { return nil }
            return NationalIndicatorData.Entry(
                indicator: indicator.code, name: indicator.name, unitOfMeasure: indicator.unitOfMeasure,
                values: figures.sorted { $0.key < $1.key }.map { NationalIndicatorData.Value(breakdown: Self.breakdown($0.key), value: $0.value.description) })
        }
        return try packet(.indicatorData, NationalIndicatorData(regimeCode: regime, period: period, unitCode: home,
                                                                indicators: entries))
    }

    /// Trạng thái báo cáo: completeness and timeliness of every expected sender, judged now.
    public func reportStatus(regime: RegimeCode, period: Period) throws -> NationalPacket<NationalReportStatus> {
        let report = try CompletenessService(store: store, home: home).completeness(regime: regime, period: period, by: actor, now: now)
        let summary = report.summary
        return try packet(.reportStatus, NationalReportStatus(
            regimeCode: regime, period: report.period,
            units: report.units.map {
                NationalReportStatus.Unit(unitCode: $0.unit.code, unitName: $0.unit.name, dueDate: $0.deadline?.dueDate.description,
                                          received: $0.received, accepted: $0.accepted, state: $0.latestState?.rawValue,
                                          revisions: $0.revisions, timeliness: $0.timeliness.rawValue)
            },
            summary: NationalReportStatus.Summary(expected: summary.expected, received: summary.received, accepted: summary.accepted,
                                                  onTime: summary.onTime, late: summary.late, missing: summary.missing,
                                                  notYetDue: summary.notYetDue)))
    }

    /// Gửi đề cương: the narrative of the node's own latest report for a regime-period,
    /// with the outline headings of its form.
    ///
    /// #### Errors
    /// `.notFound` when the node has no report for the regime-period.
    public func outlineSubmission(regime code: RegimeCode, period: Period) throws -> NationalPacket<NationalOutlineSubmission> {
        let (catalog, regime, latestForm) = try catalogRegime(code)
        let details = try store.writer.read { db -> ReportRecord? in try NodeStore.revisions(regime: code, period: period, unit: home, in: db).last }
        guard let report = details else {
            throw ExchangeError(.notFound, message: "Đơn vị chưa lập báo cáo \(regime.name) kỳ \(period), chưa có đề cương để gửi.",
                                log: "no own report for \(code) \(period)")
        }
        let form = catalog.form(code: report.formCode, version: report.formVersion) ?? latestForm
        return try packet(.outlineSubmission, NationalOutlineSubmission(
            regimeCode: code, period: period, unitCode: home, revision: report.revision, state: report.state.rawValue,
            narrative: report.narrative, headings: Self.headings(form)))
    }
}
