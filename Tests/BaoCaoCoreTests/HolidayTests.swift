import Foundation
import Testing

@testable import BaoCaoCore

private func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
private func coreError(_ code: CoreError.Code) -> CoreError { CoreError(code, message: "", log: "") }

@Suite("Holiday rules")
struct HolidayTests {
    /// The Labour Code's eleven holidays of 2026 fall on the official dates with their names.
    @Test func laborCode2019_in2026_givesElevenNamedHolidays() throws {
        let holidays = HolidayRules.laborCode2019.holidays(in: 2026)
        #expect(holidays.map(\.description) == [
            "2026-01-01 Tết Dương lịch",
            "2026-02-16 Tết Nguyên đán",
            "2026-02-17 Tết Nguyên đán",
            "2026-02-18 Tết Nguyên đán",
            "2026-02-19 Tết Nguyên đán",
            "2026-02-20 Tết Nguyên đán",
            "2026-04-26 Giỗ Tổ Hùng Vương",
            "2026-04-30 Ngày Chiến thắng",
            "2026-05-01 Ngày Quốc tế Lao động",
            "2026-09-01 Quốc khánh",
            "2026-09-02 Quốc khánh",
        ])
    }

    /// The last day of the lunar year is the 29th or the 30th of month 12, whichever exists.
    @Test(arguments: [(2025, "2025-01-28"), (2026, "2026-02-16"), (2027, "2027-02-05")])
    func lastDayOfLunarYear_isTheEveOfTet(year: Int, expected: String) throws {
        let rule = try HolidayRule("Tết Nguyên đán", on: .lastDayOfLunarYear)
        #expect(rule.dates(inYear: year) == [try date(expected)])
    }

    /// A lunar day of month 12 is found in the January or February of the next solar year.
    @Test func lunarRule_inTwelfthMonth_fallsEarlyInTheNextSolarYear() throws {
        let rule = try HolidayRule("Ông Công, ông Táo", on: .lunar(month: 12, day: 23))
        #expect(rule.dates(inYear: 2026) == [try date("2026-02-10")])
        #expect(LunarCalendar.lunarDate(for: try date("2026-02-10")) == LunarDate(day: 23, month: 12, year: 2025))
    }

    /// A lunar 30th in a year whose month has only 29 days gives no day that year.
    @Test func lunarRule_onThirtiethOfShortMonth_givesNoDay() throws {
        let month = try #require(LunarCalendar.months(ofLunarYear: 2026).first { $0.length == 29 && !$0.isLeapMonth })
        let rule = try HolidayRule("Thử", on: .lunar(month: month.month, day: 30))
        #expect(rule.dates(inYear: month.firstDay.year).isEmpty)
    }

    /// A holiday created from some year on is not off in the years before.
    @Test func rule_withFromYear_appliesOnlyFromThatYear() throws {
        let rule = try HolidayRule("Ngày Văn hóa Việt Nam", on: .solar(month: 11, day: 24), fromYear: 2026)
        #expect(rule.dates(inYear: 2025).isEmpty)
        #expect(rule.dates(inYear: 2026) == [try date("2026-11-24")])
        let ended = try HolidayRule("Thử", on: .solar(month: 3, day: 8), toYear: 2020)
        #expect(ended.dates(inYear: 2020).count == 1)
        #expect(ended.dates(inYear: 2021).isEmpty)
    }

    /// 29 February gives a day only in leap years.
    @Test func solarRule_on29February_givesDaysOnlyInLeapYears() throws {
        let rule = try HolidayRule("Thử", on: .solar(month: 2, day: 29))
        #expect(rule.dates(inYear: 2024) == [try date("2024-02-29")])
        #expect(rule.dates(inYear: 2026).isEmpty)
    }

    /// Rules whose day cannot exist are refused when they are made, with the reason.
    @Test func init_whenDayCannotExist_throwsInvalidHolidayRule() throws {
        #expect(throws: coreError(.invalidHolidayRule)) { try HolidayRule("Thử", on: .solar(month: 4, day: 31)) }
        #expect(throws: coreError(.invalidHolidayRule)) { try HolidayRule("Thử", on: .solar(month: 13, day: 1)) }
        #expect(throws: coreError(.invalidHolidayRule)) { try HolidayRule("Thử", on: .lunar(month: 1, day: 31)) }
        #expect(throws: coreError(.invalidHolidayRule)) { try HolidayRule(" ", on: .lunar(month: 1, day: 1)) }
        #expect(throws: coreError(.invalidHolidayRule)) {
            try HolidayRule("Thử", on: .solar(month: 1, day: 1), fromYear: 2030, toYear: 2020)
        }
        do {
            _ = try HolidayRule("Ngày lạ", on: .solar(month: 2, day: 30))
            Issue.record("expected an error")
        } catch let error as CoreError {
            #expect(error.message == "Quy tắc ngày nghỉ \"Ngày lạ\" không hợp lệ: ngày 30/2 dương lịch không tồn tại.")
        }
    }

    /// Two rules on one day give one day off, named after the first rule.
    @Test func holidays_whenTwoRulesShareADay_listTheDayOnce() throws {
        let rules = HolidayRules.laborCode2019.appending(try HolidayRule("Trùng", on: .solar(month: 9, day: 2)))
        let september = rules.holidays(in: 2026).filter { $0.date.month == 9 }
        #expect(september.map(\.description) == ["2026-09-01 Quốc khánh", "2026-09-02 Quốc khánh"])
    }

    /// Rules read from a release look like the JSON an administrator writes.
    @Test func codable_readsRulesFromData() throws {
        let json = #"""
            [
              { "name": "Giỗ Tổ Hùng Vương", "calendar": "lunar", "month": 3, "day": 10 },
              { "name": "Ngày Văn hóa Việt Nam", "calendar": "solar", "month": 11, "day": 24, "fromYear": 2026 },
              { "name": "Tết Nguyên đán", "calendar": "lunarYearEnd" }
            ]
            """#
        let rules = try JSONDecoder().decode(HolidayRules.self, from: Data(json.utf8))
        #expect(rules.rules == [
            try HolidayRule("Giỗ Tổ Hùng Vương", on: .lunar(month: 3, day: 10)),
            try HolidayRule("Ngày Văn hóa Việt Nam", on: .solar(month: 11, day: 24), fromYear: 2026),
            try HolidayRule("Tết Nguyên đán", on: .lastDayOfLunarYear),
        ])
        let again = try JSONDecoder().decode(HolidayRules.self, from: JSONEncoder().encode(HolidayRules.laborCode2019))
        #expect(again == .laborCode2019)
    }

    /// A rule in data with an impossible day, or an unknown calendar, is refused on reading.
    @Test(arguments: [
        #"{ "name": "X", "calendar": "solar", "month": 2, "day": 30 }"#,
        #"{ "name": "X", "calendar": "lunar", "month": 3 }"#,
        #"{ "name": "X", "calendar": "julian", "month": 3, "day": 1 }"#,
        #"{ "name": "X", "calendar": "lunarYearEnd", "month": 12, "day": 30 }"#,
    ])
    func codable_whenRuleIsBad_throwsDecodingError(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HolidayRule.self, from: Data(json.utf8)) }
    }

    /// Each kind of day describes itself in Vietnamese for the settings page.
    @Test func anchor_description_isVietnamese() {
        #expect(HolidayRule.Anchor.solar(month: 9, day: 2).description == "ngày 2/9 dương lịch")
        #expect(HolidayRule.Anchor.lunar(month: 3, day: 10).description == "ngày 10/3 âm lịch")
        #expect(HolidayRule.Anchor.lastDayOfLunarYear.description == "ngày cuối năm âm lịch")
    }
}
