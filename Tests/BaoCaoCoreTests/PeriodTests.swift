import Foundation
import Testing

@testable import BaoCaoCore

private func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
private func period(_ text: String) throws -> Period { try Period(parsing: text) }
private func coreError(_ code: CoreError.Code) -> CoreError { CoreError(code, message: "", log: "") }

@Suite("Periods and cut-off windows")
struct PeriodTests {
    /// Every kind of period id is read back and printed unchanged, with its kind and year.
    @Test(arguments: [
        ("2026-11", PeriodKind.monthly), ("2026-01", .monthly), ("2026-Q4", .quarterly), ("2026-H1", .halfYear),
        ("2026-H2", .halfYear), ("2026-9M", .nineMonths), ("2026", .yearly), ("2026-03-01..2026-03-20", .adHoc),
        ("2025-12-20..2026-01-10", .adHoc), ("2026-03-05..2026-03-05", .adHoc),
    ])
    func parsing_canonicalIds_roundTrip(text: String, kind: PeriodKind) throws {
        let period = try period(text)
        #expect(period.id == text)
        #expect(period.description == text)
        #expect(period.kind == kind)
        #expect(period.year == Int(text.prefix(4)))
    }

    /// Anything but a canonical id is refused, so two nodes never file one report under two names.
    @Test(arguments: [
        "", "2026-", "2026-1", "2026-011", "26-11", " 2026-11", "2026-11 ", "2026/11", "2026-q4", "2026-Q04",
        "2026-h1", "2026-9m", "2026-9", "2026-M9", "+2026", "20261", "2026-03-01..", "..2026-03-01",
        "2026-03-01...2026-03-02", "2026-3-1..2026-3-2", "2026-03-01..2026-03-02..2026-03-03", "2026-13-01..2026-13-02",
        "2026-02-30..2026-03-01", "2026-03-20..2026-03-01", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-H0",
        "2026-H3", "1899", "2200-01", "0000", "２０２６",
    ])
    func parsing_malformedIds_throwInvalidPeriod(text: String) {
        #expect(throws: coreError(.invalidPeriod)) { try Period(parsing: text) }
    }

    /// The user is told exactly which text is wrong and what was expected, in Vietnamese.
    @Test func parsing_errors_nameTheTextAndTheRule() {
        #expect(message { try Period(parsing: "2026-13") } == "Kỳ báo cáo \"2026-13\" không hợp lệ: tháng phải từ 01 đến 12.")
        #expect(message { try Period(parsing: "2026-Q5") } == "Kỳ báo cáo \"2026-Q5\" không hợp lệ: quý phải từ Q1 đến Q4.")
        #expect(message { try Period(parsing: "2026-H3") } == "Kỳ báo cáo \"2026-H3\" không hợp lệ: nửa năm phải là H1 hoặc H2.")
        #expect(message { try Period(parsing: "1899") } == "Kỳ báo cáo \"1899\" không hợp lệ: năm phải từ 1900 đến 2199.")
        #expect(
            message { try Period(parsing: "2026-03-20..2026-03-01") }
                == "Kỳ báo cáo \"2026-03-20..2026-03-01\" không hợp lệ: ngày bắt đầu 2026-03-20 sau ngày kết thúc 2026-03-01.")
        #expect(
            message { try Period(parsing: "2026-02-30..2026-03-01") }
                == "Kỳ báo cáo \"2026-02-30..2026-03-01\" không hợp lệ: ngày 2026-02-30 không tồn tại.")
        #expect(
            message { try Period(parsing: "tháng 11") }
                == "Kỳ báo cáo \"tháng 11\" không hợp lệ: cần viết theo một trong các dạng 2026-11 (tháng), 2026-Q4 (quý), "
                + "2026-H1 hoặc 2026-H2 (6 tháng), 2026-9M (9 tháng), 2026 (năm), 2026-03-01..2026-03-20 (đột xuất).")
    }

    /// Decree 09 windows start on the 15th of the month before and end on the 14th,
    /// crossing into the previous year for January, Q1, H1, nine months and the year.
    @Test(arguments: [
        ("2026-01", "2025-12-15..2026-01-14"), ("2026-11", "2026-10-15..2026-11-14"),
        ("2026-12", "2026-11-15..2026-12-14"), ("2026-Q1", "2025-12-15..2026-03-14"),
        ("2026-Q2", "2026-03-15..2026-06-14"), ("2026-Q4", "2026-09-15..2026-12-14"),
        ("2026-H1", "2025-12-15..2026-06-14"), ("2026-H2", "2026-06-15..2026-12-14"),
        ("2026-9M", "2025-12-15..2026-09-14"), ("2026", "2025-12-15..2026-12-14"),
        ("2026-03-01..2026-03-20", "2026-03-01..2026-03-20"), ("2025-12-20..2026-01-10", "2025-12-20..2026-01-10"),
    ])
    func window_underDecree09_matchesArticle12(id: String, expected: String) throws {
        #expect(CutOffRule.decree09.window(for: try period(id)).description == expected)
    }

    /// A regime on calendar months covers the period's own days, leap February included.
    @Test(arguments: [
        ("2026-02", "2026-02-01..2026-02-28"), ("2024-02", "2024-02-01..2024-02-29"),
        ("2026-Q1", "2026-01-01..2026-03-31"), ("2026-H2", "2026-07-01..2026-12-31"),
        ("2026-9M", "2026-01-01..2026-09-30"), ("2026", "2026-01-01..2026-12-31"),
        ("2026-03-01..2026-03-20", "2026-03-01..2026-03-20"),
    ])
    func window_underCalendarMonths_isTheCalendarPeriod(id: String, expected: String) throws {
        #expect(CutOffRule.calendarMonths.window(for: try period(id)).description == expected)
    }

    /// A regime with its own start day shifts every window the same way.
    @Test func window_underShiftedStartDay_startsOnThatDay() throws {
        let rule = try CutOffRule.shiftedStart(day: 20)
        #expect(rule.window(for: try period("2026-01")).description == "2025-12-20..2026-01-19")
        #expect(rule.window(for: try period("2026-Q3")).description == "2026-06-20..2026-09-19")
        #expect(try CutOffRule.shiftedStart(day: 15) == .decree09)
        #expect(throws: coreError(.invalidCutOffRule)) { try CutOffRule.shiftedStart(day: 1) }
        #expect(throws: coreError(.invalidCutOffRule)) { try CutOffRule.shiftedStart(day: 29) }
    }

    /// Windows of consecutive months tile the year with no gap and no overlap.
    @Test func windows_ofConsecutiveMonths_tileTheYear() throws {
        let windows = try Period.periods(of: .monthly, in: 2026).map(CutOffRule.decree09.window(for:))
        for (earlier, later) in zip(windows, windows.dropFirst()) {
            #expect(earlier.to.adding(days: 1) == later.from)
        }
        #expect(windows.map(\.dayCount).reduce(0, +) == 365)
        #expect(CutOffRule.decree09.window(for: try period("2026")) == CutOffWindow(from: windows[0].from, to: windows[11].to))
        #expect(try windows[0].contains(date("2025-12-15")) && !windows[0].contains(date("2026-01-15")))
    }

    /// A regime lists the periods of its frequency for a year, in order.
    @Test func periods_ofEachKind_inAYear() throws {
        #expect(try Period.periods(of: .monthly, in: 2026).map(\.id) == (1...12).map { "2026-" + ($0 < 10 ? "0" : "") + "\($0)" })
        #expect(try Period.periods(of: .quarterly, in: 2026).map(\.id) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
        #expect(try Period.periods(of: .halfYear, in: 2026).map(\.id) == ["2026-H1", "2026-H2"])
        #expect(try Period.periods(of: .nineMonths, in: 2026).map(\.id) == ["2026-9M"])
        #expect(try Period.periods(of: .yearly, in: 2026).map(\.id) == ["2026"])
        #expect(try Period.periods(of: .adHoc, in: 2026).isEmpty)
        #expect(throws: coreError(.invalidPeriod)) { try Period.periods(of: .monthly, in: 2200) }
    }

    /// "Kỳ trước" and "kỳ sau" step across year ends; ad hoc periods have neither.
    @Test(arguments: [
        ("2026-01", "2025-12", "2026-02"), ("2026-Q1", "2025-Q4", "2026-Q2"), ("2026-H1", "2025-H2", "2026-H2"),
        ("2026-H2", "2026-H1", "2027-H1"), ("2026-9M", "2025-9M", "2027-9M"), ("2026", "2025", "2027"),
        ("2026-12", "2026-11", "2027-01"),
    ])
    func previousAndNext_stepAcrossYearEnds(id: String, previous: String, next: String) throws {
        #expect(try period(id).previous?.id == previous)
        #expect(try period(id).next?.id == next)
    }

    /// Comparisons with last year use the same period a year earlier.
    @Test func samePeriodLastYear_movesBackOneYear() throws {
        #expect(try period("2026-Q4").samePeriodLastYear?.id == "2025-Q4")
        #expect(try period("2026-11").samePeriodLastYear?.id == "2025-11")
        #expect(try period("2024-02-29..2024-03-10").samePeriodLastYear?.id == "2023-02-28..2023-03-10")
        #expect(try period("2026-03-01..2026-03-20").previous == nil)
        #expect(try period("1900").previous == nil)
        #expect(try period("1900-Q1").samePeriodLastYear == nil)
        #expect(try period("2199-12").next == nil)
    }

    /// A period knows the months it is made of, so figures can be added up month by month.
    @Test func months_ofEachKind_areTheCalendarMonthsSpanned() throws {
        #expect(try period("2026-Q4").months.map(\.id) == ["2026-10", "2026-11", "2026-12"])
        #expect(try period("2026-9M").months.count == 9)
        #expect(try period("2026-H2").months.first?.id == "2026-07")
        #expect(try period("2025-12-20..2026-01-10").months.map(\.id) == ["2025-12", "2026-01"])
        #expect(try period("2026-11").months.map(\.id) == ["2026-11"])
    }

    /// Periods sort by the days they start and end on, so shorter periods come first.
    @Test func sorting_ordersByStartThenEnd() throws {
        let ids = ["2026", "2026-H1", "2025-12", "2026-Q1", "2026-01", "2026-9M", "2026-01-01..2026-01-31", "2026-02"]
        #expect(try ids.map(period).sorted().map(\.id) == [
            "2025-12", "2026-01", "2026-01-01..2026-01-31", "2026-Q1", "2026-H1", "2026-9M", "2026", "2026-02",
        ])
    }

    /// Periods carry a Vietnamese title for screens and printed forms.
    @Test func title_isTheVietnameseName() throws {
        #expect(try period("2026-11").title == "Tháng 11/2026")
        #expect(try period("2026-Q4").title == "Quý IV/2026")
        #expect(try period("2026-H1").title == "6 tháng đầu năm 2026")
        #expect(try period("2026-H2").title == "6 tháng cuối năm 2026")
        #expect(try period("2026-9M").title == "9 tháng năm 2026")
        #expect(try period("2026").title == "Năm 2026")
        #expect(try period("2026-03-01..2026-03-20").title == "Từ 01/03/2026 đến 20/03/2026")
        #expect(PeriodKind.halfYear.displayName == "6 tháng")
    }

    /// In JSON a period is its id, a kind is its name and a rule is a small object; bad ones are refused.
    @Test func codable_roundTripsAndRefusesBadValues() throws {
        let periods = try ["2026-11", "2026-Q4", "2026-03-01..2026-03-20"].map(period)
        let data = try JSONEncoder().encode(periods)
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11","2026-Q4","2026-03-01..2026-03-20"]"#)
        #expect(try JSONDecoder().decode([Period].self, from: data) == periods)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Period].self, from: Data(#"["2026-13"]"#.utf8)) }

        #expect(try JSONDecoder().decode([PeriodKind].self, from: Data(#"["quarterly","adHoc"]"#.utf8)) == [.quarterly, .adHoc])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PeriodKind].self, from: Data(#"["weekly"]"#.utf8)) }
        #expect(throws: coreError(.invalidPeriodKind)) { try PeriodKind(rawValue: "weekly") }

        let rules = [CutOffRule.decree09, .calendarMonths, try .shiftedStart(day: 20)]
        #expect(try JSONDecoder().decode([CutOffRule].self, from: JSONEncoder().encode(rules)) == rules)
        #expect(
            try JSONDecoder().decode(CutOffRule.self, from: Data(#"{"kind":"shiftedStart","startDay":15}"#.utf8)) == .decree09)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CutOffRule.self, from: Data(#"{"kind":"shiftedStart","startDay":31}"#.utf8))
        }
        let window = CutOffWindow(from: try date("2025-12-15"), to: try date("2026-01-14"))
        #expect(try JSONDecoder().decode(CutOffWindow.self, from: JSONEncoder().encode(window)) == window)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CutOffWindow.self, from: Data(#"{"from":"2026-01-14","to":"2025-12-15"}"#.utf8))
        }
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
