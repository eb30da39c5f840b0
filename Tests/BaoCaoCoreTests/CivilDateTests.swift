import Foundation
import Testing

@testable import BaoCaoCore

private func coreError(_ code: CoreError.Code) -> CoreError { CoreError(code, message: "", log: "") }

@Suite("Civil dates")
struct CivilDateTests {
    /// A date typed as YYYY-MM-DD is read back and printed the same way.
    @Test(arguments: ["2026-01-01", "2024-02-29", "1900-12-31", "0001-01-01", "9999-12-31"])
    func parsing_whenTextIsCanonical_roundTrips(text: String) throws {
        let date = try CivilDate(parsing: text)
        #expect(date.description == text)
    }

    /// Anything that is not exactly YYYY-MM-DD is refused instead of being guessed at.
    @Test(arguments: [
        "2026-2-03", "2026-02-3", "26-02-03", " 2026-02-03", "2026-02-03 ", "2026/02/03", "+026-02-03",
        "2026-+2-03", "2026-02-03T00:00", "20260203", "", "２０２６-02-03", "2026-0a-03",
    ])
    func parsing_whenShapeIsWrong_throwsInvalidDateText(text: String) {
        #expect(throws: coreError(.invalidDateText)) { try CivilDate(parsing: text) }
    }

    /// A well-shaped date that is not on any calendar is refused.
    @Test(arguments: ["2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-06-15"])
    func parsing_whenDateDoesNotExist_throwsInvalidDate(text: String) {
        #expect(throws: coreError(.invalidDate)) { try CivilDate(parsing: text) }
    }

    /// The user is told which date is wrong and why, in Vietnamese.
    @Test func errorMessages_nameTheTextAndTheReason() {
        #expect(message { try CivilDate(parsing: "2026-02-30") } == "Ngày 2026-02-30 không tồn tại: tháng 02/2026 chỉ có 28 ngày.")
        #expect(
            message { try CivilDate(parsing: "2026-2-3") }
                == "Ngày \"2026-2-3\" không hợp lệ: cần viết theo dạng YYYY-MM-DD, ví dụ 2026-03-15.")
        #expect(message { try CivilDate(year: 2026, month: 13, day: 1) } == "Ngày 2026-13-01 không tồn tại: tháng phải từ 01 đến 12.")
    }

    /// Leap years follow the Gregorian rule, centuries included.
    @Test func daysInMonth_ofFebruary_followsGregorianLeapYears() {
        #expect(CivilDate.daysInMonth(year: 1900, month: 2) == 28)
        #expect(CivilDate.daysInMonth(year: 2000, month: 2) == 29)
        #expect(CivilDate.daysInMonth(year: 2024, month: 2) == 29)
        #expect(CivilDate.daysInMonth(year: 2026, month: 2) == 28)
        #expect(CivilDate.daysInMonth(year: 2026, month: 4) == 30)
        #expect(CivilDate.daysInMonth(year: 2026, month: 12) == 31)
    }

    /// The last day of a month is found from any day of it.
    @Test func lastDayOfMonth_fromAnyDay_isTheMonthsEnd() throws {
        #expect(try CivilDate(parsing: "2024-02-10").lastDayOfMonth == CivilDate(parsing: "2024-02-29"))
        #expect(try CivilDate(parsing: "2026-11-30").lastDayOfMonth == CivilDate(parsing: "2026-11-30"))
        #expect(try CivilDate(parsing: "2026-12-01").firstDayOfMonth == CivilDate(parsing: "2026-12-01"))
    }

    /// The Julian day number matches the astronomers' value and converts back.
    @Test func julianDayNumber_ofKnownDates_matchesAstronomy() throws {
        #expect(try CivilDate(parsing: "2000-01-01").julianDayNumber == 2_451_545)
        #expect(try CivilDate(parsing: "1900-01-01").julianDayNumber == 2_415_021)
        #expect(try CivilDate(parsing: "0001-01-01").julianDayNumber == 1_721_426)
        #expect(try CivilDate(parsing: "9999-12-31").julianDayNumber == 5_373_484)
        #expect(try CivilDate(julianDayNumber: 2_461_089) == CivilDate(parsing: "2026-02-17"))
    }

    /// Walking day by day over two centuries visits every date once, in order.
    @Test func adding_oneDayAtATime_walksEveryDateOfTheCalendar() throws {
        var date = try CivilDate(parsing: "1899-12-31")
        let end = try CivilDate(parsing: "2101-01-01")
        while date < end {
            let next = date.adding(days: 1)
            let expected: (Int, Int, Int) =
                date.day < CivilDate.daysInMonth(year: date.year, month: date.month)
                ? (date.year, date.month, date.day + 1)
                : date.month < 12 ? (date.year, date.month + 1, 1) : (date.year + 1, 1, 1)
            #expect((next.year, next.month, next.day) == expected)
            #expect(CivilDate(julianDayNumber: next.julianDayNumber) == next)
            #expect(next.weekday == date.weekday % 7 + 1)
            date = next
        }
    }

    /// Adding and subtracting days crosses month and year ends.
    @Test func adding_acrossYearEnd_landsOnTheRightDay() throws {
        let date = try CivilDate(parsing: "2025-12-15")
        #expect(date.adding(days: 30) == (try CivilDate(parsing: "2026-01-14")))
        #expect(date.adding(days: -348) == (try CivilDate(parsing: "2025-01-01")))
        #expect(date.distance(to: try CivilDate(parsing: "2026-01-14")) == 30)
        #expect((date...(try CivilDate(parsing: "2026-01-14"))).count == 31)
    }

    /// Weekdays follow ISO 8601 (Monday is 1), and Saturday and Sunday are the weekend.
    @Test func weekday_ofKnownDates_isISO() throws {
        #expect(try CivilDate(parsing: "1970-01-01").weekday == 4)
        #expect(try CivilDate(parsing: "2000-01-01").weekday == 6)
        #expect(try CivilDate(parsing: "2026-04-26").weekday == 7)
        #expect(try CivilDate(parsing: "2026-04-27").weekday == 1)
        #expect(try CivilDate(parsing: "2026-04-25").isWeekend)
        #expect(try CivilDate(parsing: "2026-04-26").isWeekend)
        #expect(try !CivilDate(parsing: "2026-04-24").isWeekend)
    }

    /// Dates sort in calendar order.
    @Test func comparison_ordersByYearThenMonthThenDay() throws {
        let dates = try ["2026-01-02", "2025-12-31", "2026-01-01", "2025-02-28"].map(CivilDate.init(parsing:))
        #expect(dates.sorted().map(\.description) == ["2025-02-28", "2025-12-31", "2026-01-01", "2026-01-02"])
    }

    /// In JSON a date is its YYYY-MM-DD string, and a bad one is refused on reading.
    @Test func codable_usesTheTextForm_andRefusesBadDates() throws {
        let date = try CivilDate(parsing: "2026-03-05")
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-05"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CivilDate].self, from: Data(#"["2026-3-5"]"#.utf8)) }
    }
}

/// The Vietnamese message of the error `body` throws, or `nil`.
private func message(_ body: () throws -> some Any) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return (error as? CoreError)?.message
    }
}
