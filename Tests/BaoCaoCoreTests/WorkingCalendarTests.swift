import Foundation
import Testing

@testable import BaoCaoCore

private func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

@Suite("Working calendar")
struct WorkingCalendarTests {
    let calendar = WorkingCalendar()

    /// The 2026 list of days off is the law's eleven holidays plus Monday 27 April, given
    /// in lieu of Giỗ Tổ on Sunday 26 April.
    @Test func daysOff_in2026_listsHolidaysAndTheGioToDayInLieu() {
        #expect(calendar.daysOff(in: 2026).map(\.description) == [
            "2026-01-01 Tết Dương lịch",
            "2026-02-16 Tết Nguyên đán",
            "2026-02-17 Tết Nguyên đán",
            "2026-02-18 Tết Nguyên đán",
            "2026-02-19 Tết Nguyên đán",
            "2026-02-20 Tết Nguyên đán",
            "2026-04-26 Giỗ Tổ Hùng Vương",
            "2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương",
            "2026-04-30 Ngày Chiến thắng",
            "2026-05-01 Ngày Quốc tế Lao động",
            "2026-09-01 Quốc khánh",
            "2026-09-02 Quốc khánh",
        ])
    }

    /// When 30 April and 1 May fall on a weekend (2022), offices are closed on Monday 2
    /// and Tuesday 3 May; Giỗ Tổ on Sunday 10 April 2022 gives Monday 11 April, and New
    /// Year's Day on Saturday 1 January gives Monday 3 January.
    @Test func daysOff_in2022_whenHolidaysFallOnWeekend_giveConsecutiveDaysInLieu() {
        let inLieu = calendar.daysOff(in: 2022).filter { $0.name.hasPrefix("Nghỉ bù") }
        #expect(inLieu.map(\.description) == [
            "2022-01-03 Nghỉ bù Tết Dương lịch",
            "2022-04-11 Nghỉ bù Giỗ Tổ Hùng Vương",
            "2022-05-02 Nghỉ bù Ngày Chiến thắng",
            "2022-05-03 Nghỉ bù Ngày Quốc tế Lao động",
        ])
    }

    /// When 1 and 2 September are Saturday and Sunday (2029), the next Monday and Tuesday are off.
    @Test func daysOff_in2029_whenNationalDayIsAWeekend_giveMondayAndTuesday() {
        let september = calendar.daysOff(in: 2029).filter { $0.date.month == 9 }
        #expect(september.map(\.description) == [
            "2029-09-01 Quốc khánh",
            "2029-09-02 Quốc khánh",
            "2029-09-03 Nghỉ bù Quốc khánh",
            "2029-09-04 Nghỉ bù Quốc khánh",
        ])
    }

    /// New Year's Day on a Sunday (2023) gives Monday 2 January.
    @Test func daysOff_in2023_whenNewYearIsSunday_giveMonday2January() throws {
        #expect(calendar.dayOff(on: try date("2023-01-02"))?.name == "Nghỉ bù Tết Dương lịch")
        #expect(calendar.dayOff(on: try date("2023-01-03")) == nil)
    }

    /// A holiday on Saturday 31 December gives its day in lieu in the new year, after the
    /// day in lieu of New Year's Day if that is a Sunday too.
    @Test func daysOff_whenHolidayOnLastSaturdayOfYear_givesDayInLieuInJanuary() throws {
        let rules = HolidayRules.laborCode2019.appending(try HolidayRule("Ngày cuối năm", on: .solar(month: 12, day: 31)))
        let calendar = WorkingCalendar(rules: rules)
        let january = calendar.daysOff(in: 2023).prefix(3)
        #expect(january.map(\.description) == [
            "2023-01-01 Tết Dương lịch",
            "2023-01-02 Nghỉ bù Ngày cuối năm",
            "2023-01-03 Nghỉ bù Tết Dương lịch",
        ])
        #expect(!calendar.daysOff(in: 2022).contains { $0.date.year != 2022 })
    }

    /// A deadline on a Saturday moves to Monday.
    @Test func firstWorkingDay_onWeekend_isMonday() throws {
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-03-14")) == (try date("2026-03-16")))
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-03-15")) == (try date("2026-03-16")))
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-03-16")) == (try date("2026-03-16")))
    }

    /// A deadline during Tết 2026 moves past the holiday and the weekend after it, to Monday 23 February.
    @Test func firstWorkingDay_duringTet2026_isMonday23February() throws {
        for day in ["2026-02-14", "2026-02-16", "2026-02-18", "2026-02-20", "2026-02-22"] {
            #expect(calendar.firstWorkingDay(onOrAfter: try date(day)) == (try date("2026-02-23")), "\(day)")
        }
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-02-13")) == (try date("2026-02-13")))
    }

    /// A deadline on Giỗ Tổ 2026 (Sunday) skips Monday, the day in lieu, to Tuesday 28 April.
    @Test func firstWorkingDay_onGioTo2026_skipsTheDayInLieu() throws {
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-04-25")) == (try date("2026-04-28")))
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-04-27")) == (try date("2026-04-28")))
        #expect(!calendar.isWorkingDay(try date("2026-04-27")))
        #expect(calendar.isWorkingDay(try date("2026-04-28")))
    }

    /// A deadline on the last day of a year that rolls into a closed New Year's Day lands in January.
    @Test func firstWorkingDay_acrossYearEnd_continuesIntoNextYear() throws {
        // 2022-12-31 is a Saturday; 1 January 2023 is a Sunday and 2 January its day in lieu.
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2022-12-31")) == (try date("2023-01-03")))
    }

    /// An extra day off announced for a year moves deadlines like any holiday.
    @Test func firstWorkingDay_withExtraDayOff_skipsIt() throws {
        let overrides = CalendarOverrides(extraDaysOff: [Holiday(date: try date("2026-01-02"), name: "Nghỉ Tết Dương lịch (hoán đổi)")])
        let calendar = WorkingCalendar(overrides: overrides)
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-01-02")) == (try date("2026-01-05")))
        #expect(self.calendar.firstWorkingDay(onOrAfter: try date("2026-01-02")) == (try date("2026-01-02")))
        #expect(calendar.dayOff(on: try date("2026-01-02"))?.name == "Nghỉ Tết Dương lịch (hoán đổi)")
    }

    /// A Saturday worked to pay back a swapped day is a working day, so a deadline on it stays there.
    @Test func firstWorkingDay_onMakeUpSaturday_isThatSaturday() throws {
        let saturday = try date("2026-01-10")
        let overrides = CalendarOverrides(makeUpWorkingDays: [.init(date: saturday, name: "Làm bù ngày 02/01/2026")])
        let calendar = WorkingCalendar(overrides: overrides)
        #expect(calendar.isWorkingDay(saturday))
        #expect(calendar.firstWorkingDay(onOrAfter: saturday) == saturday)
        #expect(self.calendar.firstWorkingDay(onOrAfter: saturday) == (try date("2026-01-12")))
        #expect(!calendar.isWorkingDay(try date("2026-01-11")))
    }

    /// When the government moves the day next to 2 September from the 1st to the 3rd,
    /// 1 September is worked and 3 September is off.
    @Test func daysOff_withMovedAdjacentDay_followTheOverride() throws {
        let overrides = CalendarOverrides(
            extraDaysOff: [Holiday(date: try date("2026-09-03"), name: "Quốc khánh")],
            removedDaysOff: [try date("2026-09-01")])
        let calendar = WorkingCalendar(overrides: overrides)
        #expect(calendar.daysOff(in: 2026).filter { $0.date.month == 9 }.map(\.description) == [
            "2026-09-02 Quốc khánh", "2026-09-03 Quốc khánh",
        ])
        #expect(calendar.isWorkingDay(try date("2026-09-01")))
        #expect(calendar.firstWorkingDay(onOrAfter: try date("2026-09-02")) == (try date("2026-09-04")))
    }

    /// A new recurring holiday carried in a release is off from its first year, and gives a
    /// day in lieu when it falls on a weekend.
    @Test func daysOff_withExtraRule_includeItAndItsDayInLieu() throws {
        let rule = try HolidayRule("Ngày Văn hóa Việt Nam", on: .solar(month: 11, day: 24), fromYear: 2026)
        let calendar = WorkingCalendar(overrides: CalendarOverrides(extraRules: [rule]))
        #expect(calendar.dayOff(on: try date("2025-11-24")) == nil)
        #expect(calendar.dayOff(on: try date("2026-11-24"))?.name == "Ngày Văn hóa Việt Nam")
        // 24 November 2030 is a Sunday.
        #expect(calendar.dayOff(on: try date("2030-11-25"))?.name == "Nghỉ bù Ngày Văn hóa Việt Nam")
    }

    /// Overrides come from releases as JSON in which any list may be missing.
    @Test func overrides_decodeFromPartialJSON() throws {
        let json = #"""
            {
              "makeUpWorkingDays": [{ "date": "2026-01-10", "name": "Làm bù ngày 02/01/2026" }],
              "extraDaysOff": [{ "date": "2026-01-02", "name": "Nghỉ Tết Dương lịch (hoán đổi)" }]
            }
            """#
        let overrides = try JSONDecoder().decode(CalendarOverrides.self, from: Data(json.utf8))
        #expect(overrides.extraDaysOff.count == 1 && overrides.makeUpWorkingDays.count == 1)
        #expect(overrides.removedDaysOff.isEmpty && overrides.extraRules.isEmpty)
        let merged = CalendarOverrides.none.merging(overrides)
        #expect(try JSONDecoder().decode(CalendarOverrides.self, from: JSONEncoder().encode(merged)) == overrides)
    }

    /// Weekends are never listed as days off, and a weekday holiday is not a working day.
    @Test func isWorkingDay_followsWeekendsAndHolidays() throws {
        #expect(!calendar.daysOff(in: 2026).contains { $0.name.isEmpty })
        #expect(!calendar.isWorkingDay(try date("2026-09-02")))
        #expect(calendar.isWorkingDay(try date("2026-09-03")))
        #expect(!calendar.isWorkingDay(try date("2026-09-05")))
    }

    /// Every year 1900–2100 has the eleven holidays, never a day in lieu on a weekend, and
    /// a year's list is quick enough to compute on every question.
    @Test func daysOff_everyYear1900To2100_areWellFormedAndFast() {
        let clock = ContinuousClock()
        var longest = Duration.zero
        for year in 1900...2100 {
            var days: [Holiday] = []
            let elapsed = clock.measure { days = calendar.daysOff(in: year) }
            longest = max(longest, elapsed)
            let inLieu = days.filter { $0.name.hasPrefix("Nghỉ bù") }
            #expect(days.allSatisfy { $0.date.year == year })
            #expect(inLieu.allSatisfy { !$0.date.isWeekend }, "\(year)")
            // In 1947 Giỗ Tổ fell on 30 April: one day, one day off.
            #expect(days.count - inLieu.count == (year == 1947 ? 10 : 11), "\(year)")
        }
        // Generous for a debug build on a busy machine; a release build takes tens of microseconds.
        #expect(longest < .milliseconds(20))
    }
}
