import BaoCaoCore
import BaoCaoServices
import Foundation
import Testing
import Yams

/// Only periodic deadlines roll over days off (seed 002 art. 14.2); a thematic or ad hoc
/// report is due when the requester set it (art. 14.3), unless its regime says it rolls.
@Suite("Deadlines roll only for periodic regimes")
struct DeadlineRollingTests {
    let catalog: Catalog
    let calendar = WorkingCalendar()

    init() throws {
        catalog = try SampleCatalogs.reporting()
    }

    /// 002 art. 14.3: the rapid disaster report PCTT-NHANH of the sample catalog, for a
    /// flood that ended on Friday 13 February 2026, is due from the commune the day after —
    /// Saturday 14 February, the first day off before Tết — and is not moved past Tết.
    @Test func rapidDisasterReport_dueOnASaturdayBeforeTet_isNotMoved() throws {
        let regime = try #require(catalog.regime(code: "PCTT-NHANH"))
        #expect(regime.type != .periodic)
        let flood = try Period.adHoc(from: "2026-02-10", to: "2026-02-13")
        let deadline = try #require(regime.deadline(for: flood, senderKind: .commune, calendar: calendar))
        #expect(deadline.nominalDate == "2026-02-14")
        #expect(!calendar.isWorkingDay(deadline.nominalDate))
        #expect(deadline.dueDate == "2026-02-14")
        #expect(deadline.dueInstant == Fixtures.instant("2026-02-15T00:00:00+07:00"))
        // A report arriving on Monday 23 February, the first working day after Tết, is late.
        #expect(!deadline.isMet(at: Fixtures.instant("2026-02-23T08:00:00+07:00")))
    }

    /// 002 art. 14.2: a periodic report due on the same Saturday rolls past Tết and the
    /// weekend after it, to Monday 23 February.
    @Test func periodicReport_dueOnTheSameSaturday_rollsPastTet() throws {
        let regime = try #require(catalog.regimes.first { $0.type == .periodic && $0.frequency == .monthly })
        let rule = DeadlineRule(senderKind: .commune, day: 14)
        let periodic = Regime(code: regime.code, name: regime.name, type: .periodic, frequency: .monthly, deadlines: [rule],
                              reporters: regime.reporters, form: regime.form)
        let deadline = try #require(periodic.deadline(for: "2026-02", senderKind: .commune, calendar: calendar))
        #expect(deadline.nominalDate == "2026-02-14")
        #expect(deadline.dueDate == "2026-02-23")
    }

    /// A regime that says it rolls (`rollsToWorkingDay: true` in the catalog) rolls though
    /// it is thematic; a periodic one may say it does not.
    @Test func regimeSaysWhetherItRolls() throws {
        let yaml = """
            code: CD-LUA
            name: Báo cáo chuyên đề vụ lúa
            type: thematic
            frequency: adHoc
            rollsToWorkingDay: true
            reporters: { kinds: [commune] }
            deadlines:
              - { senderKind: commune, daysAfterCutOff: 1 }
            form: PCTT
            """
        let rolling = try YAMLDecoder().decode(Regime.self, from: yaml)
        #expect(rolling.rollsToWorkingDay == true)
        let period = try Period.adHoc(from: "2026-02-10", to: "2026-02-13")
        #expect(rolling.deadline(for: period, senderKind: .commune, calendar: calendar)?.dueDate == "2026-02-23")
        var fixed = try #require(catalog.regime(code: "PCTT-NHANH"))
        fixed.rollsToWorkingDay = true
        #expect(fixed.deadline(for: period, senderKind: .commune, calendar: calendar)?.dueDate == "2026-02-23")
    }
}
