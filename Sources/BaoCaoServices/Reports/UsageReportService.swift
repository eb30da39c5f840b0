import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The node reports its own use as a regime (seed 000 art. 15.4, seed 002 art. 17.3):
/// sign-ins, active users, and its reports sent on time or late within the period's
/// cut-off window, counted from the audit log and the reports' history.
public struct UsageReportService: Sendable {
    /// The regime, its form's indicators: HT01 sign-ins, HT02 active users, HT03 sent on
    /// time, HT04 sent late.
    public static let regimeCode: RegimeCode = "HT-SUDUNG-THANG"

    public let work: NodeWork
    public let calendar: WorkingCalendar

    public init(work: NodeWork, calendar: WorkingCalendar = WorkingCalendar()) {
        self.work = work
        self.calendar = calendar
    }

    /// The figures for a period, as typed into a report (plain integers).
    public func figures(period: Period) throws -> [(key: String, text: String)] {
        let catalog = try work.catalog()
        guard let regime = catalog.regime(code: Self.regimeCode) else {
            throw ServiceError(.notFound, message: "Danh mục đang áp dụng chưa có chế độ \(Self.regimeCode) (báo cáo sử dụng hệ thống).",
                               log: "no usage regime")
        }
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
        let record = try reports.create(regime: Self.regimeCode, period: period, by: actor, at: now)
        try reports.setValues(report: record.id!, figures, by: actor, at: now)
        return record
    }
}
