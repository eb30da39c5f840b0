import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The node reports its own use as a regime (seed 000 art. 15.4, seed 001 art. 16.1,
/// seed 002 art. 17.3): sign-ins, active users, and its reports sent on time or late
/// within the period's cut-off window, counted from the audit log and the reports' history.
///
/// How often, to whom and on what basis is the province's rule, so it is the catalog's,
/// never this code's: the usage regimes are those whose form carries the figures counted
/// here (HT01–HT04) and that the node's province sets (``Regime/provinces``); each one's
/// frequency is one the province asks for, its receiver is named by function and resolved
/// to a unit of the topology (``FunctionalReceiver``), and its legal basis names the
/// province's own decision or says the text is not at hand.
public struct UsageReportService: Sendable {
    /// The regime of the monthly report in the sample catalog (Hòa Bình's rules).
    public static let regimeCode: RegimeCode = "HT-SUDUNG-THANG"
    /// The figures this service counts: HT01 sign-ins, HT02 active users, HT03 sent on
    /// time, HT04 sent late. A regime whose form carries them is a usage report.
    public static let figureCodes = ["HT01", "HT02", "HT03", "HT04"]

    public let work: NodeWork
    public let calendar: WorkingCalendar

    public init(work: NodeWork, calendar: WorkingCalendar = WorkingCalendar()) {
        self.work = work
        self.calendar = calendar
    }

    /// The usage reports the province's rules ask of this node's unit, one per frequency.
    public func plans() throws -> [UsageReportPlan] {
        let catalog = try work.catalog()
        let topology = try work.runtime.topology()
        guard let home = topology.unit(code: work.home) else { return [] }
        return catalog.regimes.compactMap { regime in
            guard let form = catalog.form(code: regime.form), Self.figureCodes.allSatisfy(form.indicatorCodes.contains),
                  regime.applies(in: topology),
                  let receiverCode = regime.receiver(in: topology) ?? home.parentCode,
                  let receiver = topology.unit(code: receiverCode),
                  regime.expectedReporters(at: receiverCode, in: topology).contains(where: { $0.code == home.code }) else { return nil }
            return UsageReportPlan(regime: regime, receiver: receiver, receiverFunction: regime.receiverByFunction?.function)
        }
    }

    /// The usage regime for `period`: the one the province sets at that frequency.
    public func regime(for period: Period) throws -> Regime {
        let plans = try plans()
        if let plan = plans.first(where: { $0.regime.frequency == period.kind }) { return plan.regime }
        let asked = plans.compactMap { $0.regime.frequency?.displayName.lowercased() }
        throw ServiceError(.notFound, message: asked.isEmpty
            ? "Danh mục đang áp dụng không quy định báo cáo tình hình sử dụng hệ thống nào cho đơn vị \(work.home) ở tỉnh này."
            : "Quy định của tỉnh không yêu cầu báo cáo sử dụng hệ thống cho kỳ \(period.title): đơn vị \(work.home) báo cáo theo kỳ \(asked.joined(separator: ", ")).",
            log: "no usage regime for \(period.kind)")
    }

    /// The figures for a period, as typed into a report (plain integers).
    public func figures(period: Period) throws -> [(key: String, text: String)] {
        let catalog = try work.catalog()
        let regime = try regime(for: period)
        let window = regime.effectiveCutOff.window(for: period)
        let start = VietnamTime.startOfDay(window.from)
        let end = VietnamTime.startOfDay(window.to.adding(days: 1))
        let kind = try work.runtime.topology().unit(code: work.home)?.kind ?? .commune
        return try work.store.writer.read { db in
            let signIns = try AuditLog.entries(db).filter { $0.action == AuditAction.signIn.rawValue && ($0.instant.map { $0 >= start && $0 < end } ?? false) }
            var onTime = 0
            var late = 0
            let sent = try ReportEvent.filter(ReportEvent.Columns.toState == ReportState.sent.rawValue).fetchAll(db)
            for event in sent where event.at >= start && event.at < end {
                guard let report = try NodeStore.report(id: event.reportId, in: db), report.unitCode == work.home,
                      let reportRegime = catalog.regime(code: report.regimeCode),
                      let deadline = reportRegime.deadline(for: report.period, senderKind: kind, calendar: calendar)
                else { continue }
                if deadline.isMet(at: event.at) { onTime += 1 } else { late += 1 }
            }
            return [("HT01", String(signIns.count)), ("HT02", String(Set(signIns.map(\.actor)).count)),
                    ("HT03", String(onTime)), ("HT04", String(late))]
        }
    }

    /// A draft of the usage report for `period`, filled with its figures; the usual
    /// approvals and signature follow.
    public func draft(period: Period, by actor: StaffMember, at now: Date) throws -> ReportRecord {
        let figures = try figures(period: period)
        let reports = ReportService(work: work)
        let record = try reports.create(regime: try regime(for: period).code, period: period, by: actor, at: now)
        try reports.setValues(report: record.id!, figures, by: actor, at: now)
        return record
    }
}
