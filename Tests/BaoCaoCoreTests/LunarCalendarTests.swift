import Testing

@testable import BaoCaoCore

private func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
private func coreError(_ code: CoreError.Code) -> CoreError { CoreError(code, message: "", log: "") }

@Suite("Lunar calendar")
struct LunarCalendarTests {
    /// Tết falls on the day Vietnamese calendars print, including 1985 and 2007, when
    /// China's calendar (UTC+8) has a different day.
    @Test(arguments: [
        (1985, "1985-01-21"), (2007, "2007-02-17"), (2024, "2024-02-10"),
        (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
    ])
    func newYear_whenComputedAtUTCPlus7_matchesVietnameseCalendar(year: Int, expected: String) throws {
        let tet = try date(expected)
        #expect(LunarCalendar.newYear(ofLunarYear: year) == tet)
        #expect(try LunarCalendar.solarDate(for: LunarDate(day: 1, month: 1, year: year)) == tet)
        #expect(LunarCalendar.lunarDate(for: tet) == LunarDate(day: 1, month: 1, year: year))
    }

    /// The eve of Tết is the last day of the previous lunar year, month 12.
    @Test func lunarDate_onEveOfTet2026_isLastDayOfMonth12Of2025() throws {
        let eve = LunarCalendar.lunarDate(for: try date("2026-02-16"))
        #expect(eve.year == 2025 && eve.month == 12 && !eve.isLeapMonth)
        #expect(eve.day == (try LunarCalendar.monthLength(12, ofLunarYear: 2025)))
    }

    /// Giỗ Tổ Hùng Vương (10/3 lunar) falls where the official calendar puts it.
    @Test(arguments: [(2025, "2025-04-07"), (2026, "2026-04-26")])
    func solarDate_ofGioTo_matchesOfficialDate(year: Int, expected: String) throws {
        #expect(try LunarCalendar.solarDate(for: LunarDate(day: 10, month: 3, year: year)) == date(expected))
    }

    /// Leap months land in the years and places the printed calendars show.
    @Test(arguments: [(2020, 4), (2023, 2), (2025, 6)])
    func leapMonth_ofKnownLeapYears_isTheOfficialOne(year: Int, leap: Int) throws {
        #expect(LunarCalendar.leapMonth(ofLunarYear: year) == leap)
        let months = LunarCalendar.months(ofLunarYear: year)
        #expect(months.count == 13)
        let index = try #require(months.firstIndex { $0.isLeapMonth })
        #expect(months[index - 1].month == leap && !months[index - 1].isLeapMonth)
    }

    /// Ordinary years have no leap month.
    @Test(arguments: [2021, 2022, 2024, 2026, 2027])
    func leapMonth_ofCommonYears_isNil(year: Int) {
        #expect(LunarCalendar.leapMonth(ofLunarYear: year) == nil)
        #expect(LunarCalendar.months(ofLunarYear: year).count == 12)
    }

    /// A day in the 2025 leap month reads as "tháng 6 nhuận" and converts back.
    @Test func lunarDate_inLeapSixthMonthOf2025_isMarkedLeap() throws {
        let month = try #require(LunarCalendar.months(ofLunarYear: 2025).first { $0.isLeapMonth })
        #expect(month.firstDay == (try date("2025-07-25")))
        let lunar = LunarCalendar.lunarDate(for: month.firstDay)
        #expect(lunar == LunarDate(day: 1, month: 6, year: 2025, isLeapMonth: true))
        #expect(lunar.description == "1/6 nhuận/2025 (âm lịch)")
        #expect(try LunarCalendar.solarDate(for: lunar) == month.firstDay)
    }

    /// Asking for a day that does not exist is refused with a message naming the date.
    @Test func solarDate_ofMissingDays_throwsInvalidLunarDate() throws {
        #expect(throws: coreError(.invalidLunarDate)) {
            try LunarCalendar.solarDate(for: LunarDate(day: 1, month: 5, year: 2026, isLeapMonth: true))
        }
        #expect(throws: coreError(.invalidLunarDate)) {
            try LunarCalendar.solarDate(for: LunarDate(day: 1, month: 13, year: 2026))
        }
        let short = try #require(LunarCalendar.months(ofLunarYear: 2026).first { $0.length == 29 })
        do {
            _ = try LunarCalendar.solarDate(for: LunarDate(day: 30, month: short.month, year: 2026))
            Issue.record("expected an error")
        } catch let error as CoreError {
            #expect(error.code == .invalidLunarDate)
            #expect(error.message == "Ngày âm lịch 30/\(short.month)/2026 không tồn tại: tháng này chỉ có 29 ngày.")
        }
    }

    /// Tết and the leap month of every lunar year 1900–2100 agree with an independent
    /// computation, so the holidays built on them are right in any year a user picks.
    ///
    /// The table was computed outside this code base from the VSOP87 and ELP2000 theories
    /// (PyEphem 4.2.1), with new moons and principal solar terms taken at UTC+7. One entry
    /// per year from 1900, ten a line: the date of Tết (`MM-DD`), then `+N` when month N has
    /// a leap month. (That reference and this algorithm disagree only on three month
    /// starts, 1944-06-20/21, 2072-12-09/10 and 2077-11-15/16, new moons less than 90
    /// seconds before midnight; none of them moves a holiday.)
    @Test func newYearAndLeapMonth_ofEveryYear1900To2100_matchEphemeris() throws {
        let table = """
        01-31+8 02-19 02-08 01-28+5 02-16 02-04 01-25+4 02-13 02-02 01-22+2
        02-10 01-30+6 02-18 02-06 01-26+5 02-14 02-03 01-23+3 02-11 02-01+7
        02-20 02-08 01-28+6 02-16 02-05 01-24+4 02-13 02-02 01-23+2 02-10
        01-30+6 02-17 02-06 01-26+5 02-14 02-03 01-24+3 02-11 01-31+8 02-19
        02-08 01-27+6 02-15 02-05 01-25+4 02-13 02-02 01-22+2 02-10 01-29+7
        02-17 02-06 01-27+5 02-14 02-03 01-24+3 02-12 01-31+8 02-18 02-08
        01-28+6 02-15 02-05 01-25+4 02-13 02-01 01-21+3 02-09 01-29+7 02-16
        02-06 01-27+5 02-15 02-03 01-23+4 02-11 01-31+8 02-18 02-07 01-28+6
        02-16 02-05 01-25+4 02-13 02-02 01-21+2 02-09 01-29+7 02-17 02-06
        01-27+5 02-15 02-04 01-23+3 02-10 01-31+8 02-19 02-07 01-28+5 02-16
        02-05 01-24+4 02-12 02-01 01-22+2 02-09 01-29+7 02-17 02-07 01-26+5
        02-14 02-03 01-23+4 02-10 01-31+9 02-19 02-08 01-28+6 02-16 02-05
        01-25+4 02-12 02-01 01-22+2 02-10 01-29+6 02-17 02-06 01-26+5 02-13
        02-02 01-23+3 02-11 01-31+11 02-19 02-08 01-28+6 02-15 02-04 01-24+5
        02-12 02-01 01-22+2 02-10 01-30+7 02-17 02-06 01-26+5 02-14 02-02
        01-23+3 02-11 02-01+8 02-18 02-08 01-28+6 02-15 02-04 01-24+4 02-12
        02-02 01-21+3 02-09 01-29+7 02-17 02-05 01-26+5 02-14 02-03 01-23+4
        02-11 01-31+8 02-19 02-07 01-27+6 02-15 02-05 01-24+4 02-12 02-02
        01-22+3 02-09 01-29+7 02-17 02-06 01-26+5 02-14 02-03 01-24+4 02-10
        01-30+8 02-18 02-07 01-27+6 02-15 02-05 01-25+4 02-12 02-01 01-21+2
        02-09
        """
        let entries = table.split(whereSeparator: { $0 == " " || $0 == "\n" })
        #expect(entries.count == 201)
        for (offset, entry) in entries.enumerated() {
            let year = 1900 + offset
            let parts = entry.split(separator: "+")
            let tet = try CivilDate(parsing: "\(year)-\(parts[0])")
            #expect(LunarCalendar.newYear(ofLunarYear: year) == tet, "Tết \(year)")
            #expect(LunarCalendar.leapMonth(ofLunarYear: year) == parts.dropFirst().first.flatMap { Int($0) }, "leap month \(year)")
        }
    }

    /// Every lunar year 1900–2100 is well formed and every day converts both ways, so no
    /// holiday or deadline can land on a phantom date.
    @Test func everyLunarYear1900To2100_isWellFormed_andRoundTrips() throws {
        let lowestNewYear = try date("1900-01-21")
        var expectedFirstDay: CivilDate? = nil
        for year in 1900...2100 {
            let months = LunarCalendar.months(ofLunarYear: year)
            #expect(months.count == (LunarCalendar.leapMonth(ofLunarYear: year) == nil ? 12 : 13), "year \(year)")
            #expect(months.first { $0.isLeapMonth }?.month == LunarCalendar.leapMonth(ofLunarYear: year), "year \(year)")
            #expect(months.filter(\.isLeapMonth).count == (months.count == 13 ? 1 : 0), "year \(year)")
            #expect(months.filter { !$0.isLeapMonth }.map(\.month) == Array(1...12), "year \(year)")

            let tet = months[0].firstDay
            let earliest = try CivilDate(year: year, month: 1, day: 21)
            let latest = try CivilDate(year: year, month: 2, day: 20)
            #expect(tet >= earliest && tet <= latest, "Tết \(year) on \(tet)")
            #expect(tet >= lowestNewYear)
            if let expectedFirstDay { #expect(tet == expectedFirstDay, "year \(year) does not follow on") }

            for month in months {
                #expect(month.length == 29 || month.length == 30, "\(year)/\(month.month)")
                for day in 1...month.length {
                    let solar = month.firstDay.adding(days: day - 1)
                    let lunar = month.lunarDate(day: day)
                    #expect(LunarCalendar.lunarDate(for: solar) == lunar)
                }
            }
            if let last = months.last {
                #expect(try LunarCalendar.solarDate(for: last.lunarDate(day: last.length)) == last.lastDay)
            }
            expectedFirstDay = months.last.map { $0.lastDay.adding(days: 1) }
        }
    }
}
