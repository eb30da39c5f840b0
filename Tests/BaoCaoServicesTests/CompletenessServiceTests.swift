import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

@Suite("Completeness, timeliness, ranking")
struct CompletenessServiceTests {
    let store: NodeStore
    let service: CompletenessService
    let calendar = WorkingCalendar()

    init() throws {
        store = try Fixtures.store()
        service = CompletenessService(store: store, home: Fixtures.home, calendar: calendar)
    }

    private func entry(_ report: CompletenessReport, _ unit: UnitCode) throws -> UnitCompleteness {
        try #require(report.units.first { $0.unit.code == unit })
    }

    /// 16 May 2026 is a Saturday: the deadline rolls to Monday 18 May and ends at midnight
    /// Vietnam time. Arrived 23:31 that Monday is on time; 08:00 on Tuesday is late; a
    /// commune that sent nothing is missing.
    @Test func deadlineRolledOverWeekend() throws {
        let received = Fixtures.instant("2026-05-19T08:00:00+07:00")
        try Fixtures.report(store, "04801", "2026-05", signedAt: Fixtures.instant("2026-05-18T23:30:00+07:00"),
                            receivedAt: Fixtures.instant("2026-05-18T23:31:00+07:00"), [:])
        try Fixtures.report(store, "04802", "2026-05", state: .received, signedAt: Fixtures.instant("2026-05-19T00:10:00+07:00"),
                            receivedAt: received, [:])
        let report = try service.completeness(regime: "KTXH-THANG", period: "2026-05", by: Fixtures.reader, now: Fixtures.instant("2026-05-25T09:00:00+07:00"))
        let first = try entry(report, "04801")
        #expect(first.deadline?.nominalDate.description == "2026-05-16")
        #expect(first.deadline?.dueDate.description == "2026-05-18")
        #expect(first.timeliness == .onTime)
        #expect(!first.bySigningTime)                              // by the arrival the system recorded (002 art. 14.4)
        #expect(first.accepted)
        let second = try entry(report, "04802")
        #expect(second.timeliness == .late)
        #expect(second.received && !second.accepted)
        #expect(try entry(report, "04803").timeliness == .missing)
        #expect(report.summary.expected == 3)
        #expect(report.summary.received == 2)
        #expect(report.summary.accepted == 1)
        #expect(report.summary.onTime == 1)
        #expect(report.summary.late == 1)
        #expect(report.summary.missing == 1)
    }

    /// 16 February 2026 falls in Tết: the deadline rolls past the whole holiday and the
    /// weekend after it. A report signed during Tết is on time; one signed the day after
    /// the rolled deadline is late.
    @Test func deadlineRolledOverTet() throws {
        try Fixtures.report(store, "04801", "2026-02", signedAt: Fixtures.instant("2026-02-20T10:00:00+07:00"),
                            receivedAt: Fixtures.instant("2026-02-20T10:01:00+07:00"), [:])
        let report0 = try service.completeness(regime: "KTXH-THANG", period: "2026-02", by: Fixtures.reader, now: Fixtures.instant("2026-03-10T00:00:00Z"))
        let due = try #require(try entry(report0, "04801").deadline)
        #expect(due.nominalDate.description == "2026-02-16")
        #expect(calendar.dayOff(on: due.nominalDate)?.name == "Tết Nguyên đán")
        #expect(due.dueDate.description == "2026-02-23")              // past the five days of Tết and the weekend after
        #expect(calendar.isWorkingDay(due.dueDate))
        var day = due.nominalDate
        while day < due.dueDate { #expect(!calendar.isWorkingDay(day)); day = day.adding(days: 1) }
        #expect(try entry(report0, "04801").timeliness == .onTime)

        let dayAfter = VietnamTime.startOfDay(due.dueDate.adding(days: 1)).addingTimeInterval(9 * 3600)
        try Fixtures.report(store, "04802", "2026-02", signedAt: dayAfter, receivedAt: dayAfter.addingTimeInterval(60), [:])
        let report = try service.completeness(regime: "KTXH-THANG", period: "2026-02", by: Fixtures.reader, now: Fixtures.instant("2026-03-10T00:00:00Z"))
        #expect(try entry(report, "04802").timeliness == .late)
    }

    /// Every report is judged by its arrival (002 art. 14.4); the signing time, corrected by
    /// the sender's measured clock skew, is checked against it: one signed in time that
    /// arrived late, signed long before it arrived, or after it arrived, is flagged.
    @Test func signingTimeCheckedAgainstSkewAndArrival() throws {
        let due = Fixtures.instant("2026-05-19T00:00:00+07:00")   // end of Monday 18 May
        // 04801's clock runs 10 minutes fast: it signed at 00:05 by its clock, 23:55 by ours.
        try store.setClockSkew(unit: "04801", seconds: 600, measuredAt: due)
        try Fixtures.report(store, "04801", "2026-05", signedAt: due.addingTimeInterval(300), receivedAt: due.addingTimeInterval(3600), [:])
        // 04802 says it signed a week before the deadline, but the report arrived four days late.
        try Fixtures.report(store, "04802", "2026-05", signedAt: due.addingTimeInterval(-7 * 86_400),
                            receivedAt: due.addingTimeInterval(4 * 86_400), [:])
        // 04803 claims a signing time after its own arrival (its clock is wrong and unmeasured).
        try Fixtures.report(store, "04803", "2026-05", signedAt: due.addingTimeInterval(86_400),
                            receivedAt: due.addingTimeInterval(-3600), [:])
        let report = try service.completeness(regime: "KTXH-THANG", period: "2026-05", by: Fixtures.reader, now: due.addingTimeInterval(10 * 86_400))
        let skewed = try entry(report, "04801")
        #expect(skewed.timeliness == .late)                        // signed 23:55 by our clock, arrived 01:00
        #expect(!skewed.bySigningTime)
        #expect(skewed.judgedAt == due.addingTimeInterval(3600))
        #expect(skewed.review == .signedInTimeArrivedLate)
        let backdated = try entry(report, "04802")
        #expect(backdated.review == .signedLongBeforeArrival)
        #expect(!backdated.bySigningTime)
        #expect(backdated.timeliness == .late)
        let future = try entry(report, "04803")
        #expect(future.review == .signedAfterArrival)
        #expect(future.timeliness == .onTime)                      // by its arrival, an hour before the deadline
        #expect(report.summary.flagged == 3)

        // The allowance is configurable: with 12 days the backdated report is only signed in time and late.
        let lenient = CompletenessService(store: store, home: Fixtures.home, calendar: calendar,
                                          policy: TimelinessPolicy(maximumTransit: 12 * 86_400))
        let trusted = try #require(try lenient.completeness(regime: "KTXH-THANG", period: "2026-05", by: Fixtures.reader, now: due.addingTimeInterval(10 * 86_400))
            .units.first { $0.unit.code == "04802" })
        #expect(trusted.review == .signedInTimeArrivedLate)
        #expect(trusted.timeliness == .late)
    }

    /// A flagged report is settled by a reviewer, with a reason: a commune whose link was
    /// down for weeks signed in time, so its signing time stands (on time, no longer
    /// flagged, its rank follows); a signing time after the arrival can only be confirmed
    /// as the arrival; nothing unflagged can be ruled on; every ruling is audited.
    @Test func reviewerRuling_settlesAFlag_withAReason() throws {
        let due = Fixtures.instant("2026-05-19T00:00:00+07:00")
        try Fixtures.report(store, "04801", "2026-05", signedAt: due.addingTimeInterval(-86_400), receivedAt: due.addingTimeInterval(40 * 86_400), [:])
        try Fixtures.report(store, "04802", "2026-05", signedAt: due.addingTimeInterval(86_400), receivedAt: due.addingTimeInterval(-3600), [:])
        try Fixtures.report(store, "04803", "2026-05", signedAt: due.addingTimeInterval(-3600), receivedAt: due.addingTimeInterval(-3000), [:])
        let later = due.addingTimeInterval(50 * 86_400)
        let reviewer = StaffMember(userId: 2, login: "tonghop", displayName: "Tổng hợp", roles: [.aggregator])
        func standing(_ unit: UnitCode) throws -> UnitCompleteness {
            try entry(try service.completeness(regime: "KTXH-THANG", period: "2026-05", by: Fixtures.reader, now: later), unit)
        }
        #expect(try standing("04801").timeliness == .late && standing("04801").review == .signedLongBeforeArrival)

        let byViewer = #expect(throws: ServiceError.self) {   // a viewer may not rule
            try service.rule(regime: "KTXH-THANG", period: "2026-05", unit: "04801", .signingTime, reason: "Mất kết nối", by: Fixtures.reader, at: later)
        }
        #expect(byViewer?.code == .forbidden)
        #expect(byViewer?.message == "Người xem không có quyền xem xét thời hạn gửi báo cáo (cần vai trò: tổng hợp, lãnh đạo).")
        let withoutReason = #expect(throws: ServiceError.self) {   // nor anyone without a reason
            try service.rule(regime: "KTXH-THANG", period: "2026-05", unit: "04801", .signingTime, reason: "  ", by: reviewer, at: later)
        }
        #expect(withoutReason?.code == .invalidInput)
        #expect(withoutReason?.message == "Phải ghi rõ lý do.")
        #expect(try standing("04801").ruling == nil)
        try service.rule(regime: "KTXH-THANG", period: "2026-05", unit: "04801", .signingTime,
                         reason: "Đường truyền của xã bị gián đoạn 40 ngày; đã gửi bằng USB", by: reviewer, at: later)
        let settled = try standing("04801")
        #expect(settled.timeliness == .onTime && settled.bySigningTime && settled.review == nil)
        #expect(settled.flag == .signedLongBeforeArrival && settled.ruling == .signingTime)
        let report = try service.completeness(regime: "KTXH-THANG", period: "2026-05", by: Fixtures.reader, now: later)
        #expect(report.summary.flagged == 1 && report.summary.onTime == 3)

        // A signing time after the arrival is never trusted: it can only be confirmed as the arrival.
        let untrusted = #expect(throws: ServiceError.self) {
            try service.rule(regime: "KTXH-THANG", period: "2026-05", unit: "04802", .signingTime, reason: "Đồng hồ sai", by: reviewer, at: later)
        }
        #expect(untrusted?.code == .invalidInput)
        #expect(untrusted?.message == "Không thể tính theo thời điểm ký: thời điểm ký sau thời điểm nhận, đồng hồ bên gửi không tin cậy. "
            + "Chỉ có thể tính theo thời điểm nhận.")
        try service.rule(regime: "KTXH-THANG", period: "2026-05", unit: "04802", .arrivalTime, reason: "Đồng hồ của xã chạy sai", by: reviewer, at: later)
        #expect(try standing("04802").review == nil && standing("04802").ruling == .arrivalTime && !standing("04802").bySigningTime)
        // Nothing flagged, nothing to rule on.
        let unflagged = #expect(throws: ServiceError.self) {
            try service.rule(regime: "KTXH-THANG", period: "2026-05", unit: "04803", .arrivalTime, reason: "Không rõ", by: reviewer, at: later)
        }
        #expect(unflagged?.code == .illegalTransition)
        #expect(unflagged?.message == "Thời hạn gửi báo cáo của 04803 không có điểm nào cần xem xét.")
        // A later ruling replaces the earlier one; both are in the audit log.
        try service.rule(regime: "KTXH-THANG", period: "2026-05", unit: "04801", .arrivalTime, reason: "Xã không chứng minh được", by: reviewer, at: later)
        #expect(try standing("04801").timeliness == .late)
        let audited = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM auditEntry WHERE object = 'report:KTXH-THANG/2026-05/04801' ORDER BY sequence")
        }
        #expect(audited == ["timeliness.signingTime", "timeliness.arrivalTime"])
    }

    /// Completeness is shown to signed-in staff only: a caller holding no role is refused.
    @Test func callerWithoutRole_isRefused() throws {
        let forbidden = ServiceError(.forbidden, message: "", log: "")
        #expect(throws: forbidden) { try service.completeness(regime: "KTXH-THANG", period: "2026-05", by: .node) }
        #expect(throws: forbidden) { try service.ranking(year: 2026, by: .node) }
        #expect(throws: forbidden) { try service.overdue(by: .node) }
    }

    /// Before the deadline, a unit that has sent nothing is not yet missing.
    @Test func beforeDeadline_notYetDue() throws {
        let report = try service.completeness(regime: "KTXH-THANG", period: "2026-05", by: Fixtures.reader, now: Fixtures.instant("2026-05-18T20:00:00+07:00"))
        #expect(report.units.map(\.unit.code) == Fixtures.communes)
        #expect(report.units.map(\.timeliness) == [.notYetDue, .notYetDue, .notYetDue])
        #expect(report.summary.missing == 0)
    }

    /// A first revision returned does not make the unit on time: the accepted revision's
    /// arrival judges it (002 art. 14.4; a reviewer may rule otherwise, see
    /// ``ReceivingWindowTimelinessTests``).
    @Test func correctionAfterReturn_judgedByTheRevisionsArrival() throws {
        let due = Fixtures.instant("2026-05-19T00:00:00+07:00")
        try Fixtures.report(store, "04801", "2026-05", revision: 1, state: .returned, signedAt: due.addingTimeInterval(-3600),
                            receivedAt: due.addingTimeInterval(-3500), [:])
        try Fixtures.report(store, "04801", "2026-05", revision: 2, state: .accepted, signedAt: due.addingTimeInterval(86_400),
                            receivedAt: due.addingTimeInterval(86_500), [:])
        let report = try service.completeness(regime: "KTXH-THANG", period: "2026-05", by: Fixtures.reader, now: due.addingTimeInterval(5 * 86_400))
        let unit = try entry(report, "04801")
        #expect(unit.timeliness == .late)
        #expect(unit.judgedAt == due.addingTimeInterval(86_500))
        #expect(unit.revisions == 2)
        #expect(unit.accepted)
        #expect(unit.latestState == .accepted)
    }

    /// Ranking by compliance over the year's periods already due: all on time, then one
    /// late, then one missing; periods not yet due do not count.
    @Test func rankingOrder() throws {
        let now = Fixtures.instant("2026-04-10T09:00:00+07:00")   // January–March are due, April is not
        for month in 1...3 {
            let period = try Period(parsing: "2026-0\(month)")
            let due = try #require(Fixtures.catalog.regimes[0].deadline(for: period, senderKind: .commune, calendar: calendar))
            let onTime = due.dueInstant.addingTimeInterval(-86_400)
            let late = due.dueInstant.addingTimeInterval(3600)
            try Fixtures.report(store, "04803", period, signedAt: onTime, receivedAt: onTime, [:])
            try Fixtures.report(store, "04801", period, signedAt: month == 2 ? late : onTime, receivedAt: month == 2 ? late : onTime, [:])
            if month != 3 { try Fixtures.report(store, "04802", period, signedAt: onTime, receivedAt: onTime, [:]) }
        }
        let ranking = try service.ranking(year: 2026, by: Fixtures.reader, now: now)
        #expect(ranking.map(\.unit.code) == ["04803", "04801", "04802"])
        #expect(ranking.map(\.rank) == [1, 2, 3])
        #expect(ranking[0].due == 3 && ranking[0].onTime == 3)
        #expect(ranking[0].onTimePercent == Fixtures.decimal("100"))
        #expect(ranking[1].late == 1)
        #expect(ranking[2].missing == 1)
        #expect(ranking[1].onTimePercent == Fixtures.decimal("66.67"))

        let overdue = try service.overdue(by: Fixtures.reader, now: now).filter { $0.period.year == 2026 }
        #expect(overdue.map { "\($0.unit.code) \($0.period.id)" } == ["04802 2026-03"])
        #expect(overdue.first?.daysOverdue == 25)                  // due Monday 16 March, now 10 April
    }

    /// Equal figures share a rank.
    @Test func equalFigures_shareARank() {
        let units = Fixtures.communes.map { Fixtures.topology.unit(code: $0)! }
        var a = ComplianceScore(unit: units[0]); a.due = 2; a.onTime = 2
        var b = ComplianceScore(unit: units[1]); b.due = 2; b.onTime = 2
        var c = ComplianceScore(unit: units[2]); c.due = 2; c.onTime = 1; c.late = 1
        #expect(ComplianceScore.ranked([c, b, a]).map(\.rank) == [1, 1, 3])
        #expect(ComplianceScore.ranked([c, b, a]).map(\.unit.code) == ["04801", "04802", "04803"])
    }
}
