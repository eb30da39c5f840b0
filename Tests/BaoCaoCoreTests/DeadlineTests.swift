import Foundation
import Testing
@testable import BaoCaoCore

@Suite("Deadlines")
struct DeadlineTests {
    let regime = Fixtures.catalog.regimes[0]
    let calendar = WorkingCalendar()

    private func date(_ text: String) -> CivilDate { try! CivilDate(parsing: text) }

    /// A commune's monthly report is due on the 16th; the district's on the 18th.
    @Test func monthly_deadlinesPerSenderKind() throws {
        let period = try Period(parsing: "2026-10")
        #expect(regime.deadline(for: period, senderKind: .commune, calendar: calendar)?.dueDate == date("2026-10-16"))
        #expect(regime.deadline(for: period, senderKind: .district, calendar: calendar)?.nominalDate == date("2026-10-18"))
        #expect(regime.deadline(for: period, senderKind: .department, calendar: calendar) == nil)
    }

    /// 18 Oct 2026 is a Sunday: the district's deadline rolls to Monday 19 Oct.
    @Test func deadlineOnSunday_rollsToMonday() throws {
        let deadline = regime.deadline(for: try Period(parsing: "2026-10"), senderKind: .district, calendar: calendar)!
        #expect(deadline.dueDate == date("2026-10-19"))
    }

    /// February 2026: the 16th is the last day of the lunar year, Tết runs to the 20th, then a weekend.
    @Test func deadlineDuringTet_rollsPastTheHolidays() throws {
        let deadline = regime.deadline(for: try Period(parsing: "2026-02"), senderKind: .commune, calendar: calendar)!
        #expect(deadline.nominalDate == date("2026-02-16"))
        #expect(deadline.dueDate == date("2026-02-23"))
    }

    /// Due "by the end of the day" in Vietnam: 23:59:59 +07:00 is on time, midnight is late.
    @Test func dueInstant_isEndOfDayInVietnam() throws {
        let deadline = Deadline(nominalDate: date("2026-10-16"), dueDate: date("2026-10-16"))
        let lastSecond = ISO8601DateFormatter().date(from: "2026-10-16T16:59:59Z")!
        let midnight = ISO8601DateFormatter().date(from: "2026-10-16T17:00:00Z")!
        #expect(deadline.isMet(at: lastSecond))
        #expect(!deadline.isMet(at: midnight))
        #expect(VietnamTime.civilDate(at: midnight) == date("2026-10-17"))
        #expect(VietnamTime.civilDate(at: lastSecond) == date("2026-10-16"))
    }

    @Test func deadlineRule_dayPastMonthEnd_meansLastDay() {
        let rule = DeadlineRule(senderKind: .commune, day: 31, monthsAfterCutOff: 0)
        #expect(rule.nominalDate(afterCutOffEnding: date("2026-02-14")) == date("2026-02-28"))
        let later = DeadlineRule(senderKind: .commune, daysAfterCutOff: 5)
        #expect(later.nominalDate(afterCutOffEnding: date("2026-12-14")) == date("2026-12-19"))
        let nextMonth = DeadlineRule(senderKind: .district, day: 10, monthsAfterCutOff: 1)
        #expect(nextMonth.nominalDate(afterCutOffEnding: date("2026-12-14")) == date("2027-01-10"))
    }

    /// Who must report to a district: its communes (not the departments elsewhere).
    @Test func expectedReporters_areTheReceiversChildrenOfTheListedKinds() throws {
        let topology = try Topology(csv: TopologyTests.sample, fileName: "t.csv")
        #expect(regime.expectedReporters(at: "148", in: topology).map(\.code) == ["04789", "04792"])
        #expect(regime.expectedReporters(at: "17", in: topology).map(\.code) == ["148", "152"])
    }
}
