/// Conversions between the civil (Gregorian) calendar and the Vietnamese lunar calendar.
///
/// This is our own implementation of the astronomical method Hồ Ngọc Đức published for
/// the Vietnamese calendar: months start on the day of the new moon and the winter
/// solstice falls in month 11, with new moons and the sun's longitude from Meeus'
/// formulas, all reckoned at UTC+7 (see ``LocalSky`` for why never UTC+8). Holidays such as
/// Tết and Giỗ Tổ Hùng Vương depend on it, and with them every deadline that rolls past
/// a holiday.
///
/// For 1900–2100 every day is checked to round-trip, and Tết and the leap month of every
/// year agree with an independent ephemeris. The formulas are accurate to a minute or two,
/// so a new moon within that of midnight can land on the neighbouring day: in 1900–2100
/// that happens for three month starts (1944-06-21, 2072-12-10, 2077-11-16, each one day
/// late), none of which moves a holiday. Far outside these years the error grows.
///
/// Before 1968 Vietnam used China's calendar, computed for UTC+8; this type applies UTC+7
/// to every year, as the official calendar has since, so it can differ by a day (and in a
/// few years by a month) from calendars printed before 1968.
///
/// Nothing is cached: each call recomputes a year's months from the astronomy, which takes
/// a few microseconds.
public enum LunarCalendar {
    /// The lunar years whose every day has a civil date in 0001–9999.
    public static let supportedYears = 1...9998

    /// The lunar date of a civil date.
    public static func lunarDate(for date: CivilDate) -> LunarDate {
        let jdn = date.julianDayNumber
        let endYear = jdn >= LocalSky.monthElevenStart(ofYear: date.year) ? date.year + 1 : date.year
        let cycle = MonthElevenCycle(endingIn: endYear)
        let month = cycle.month(containing: jdn)
        return LunarDate(
            day: jdn - month.firstDay + 1,
            month: month.number,
            year: cycle.lunarYear(of: month),
            isLeapMonth: month.isLeap)
    }

    /// The civil date of a lunar date.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidLunarDate`` when the month is outside 1–12, when a leap
    /// month is asked for that the year does not have, or when the day is outside the
    /// month's 29 or 30 days.
    public static func solarDate(for date: LunarDate) throws -> CivilDate {
        let month = try lunarMonth(date.month, isLeapMonth: date.isLeapMonth, ofLunarYear: date.year, for: date)
        guard (1...month.length).contains(date.day) else {
            throw CoreError.invalidLunarDate(
                date, reason: "tháng này chỉ có \(month.length) ngày",
                why: "day outside 1...\(month.length)")
        }
        return month.firstDay.adding(days: date.day - 1)
    }

    /// The months of a lunar year in order, 12 or 13 of them (with the leap month).
    ///
    /// `year` must be in ``supportedYears`` (it stops the program otherwise).
    public static func months(ofLunarYear year: Int) -> [LunarMonth] {
        months(ofLunarYear: year, from: MonthElevenCycle(endingIn: year), and: MonthElevenCycle(endingIn: year + 1))
    }

    /// The months of lunar year `year` from the two cycles it spans (ending in `year` and `year + 1`).
    static func months(ofLunarYear year: Int, from early: MonthElevenCycle, and late: MonthElevenCycle) -> [LunarMonth] {
        let months = early.months.filter { $0.number <= 10 } + late.months.filter { $0.number >= 11 }
        return months.map {
            LunarMonth(
                year: year, month: $0.number, isLeapMonth: $0.isLeap,
                firstDay: CivilDate(julianDayNumber: $0.firstDay), length: $0.length)
        }
    }

    /// The leap month of a lunar year (in ``supportedYears``), if it has one: `4` for 2020, `2` for 2023, `6` for 2025.
    public static func leapMonth(ofLunarYear year: Int) -> Int? {
        months(ofLunarYear: year).first(where: \.isLeapMonth)?.month
    }

    /// The number of days (29 or 30) of a month of a lunar year.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidLunarDate`` when the month is outside 1–12 or a leap
    /// month is asked for that the year does not have.
    public static func monthLength(_ month: Int, isLeapMonth: Bool = false, ofLunarYear year: Int) throws -> Int {
        let probe = LunarDate(day: 1, month: month, year: year, isLeapMonth: isLeapMonth)
        return try lunarMonth(month, isLeapMonth: isLeapMonth, ofLunarYear: year, for: probe).length
    }

    /// Tết Nguyên đán: the civil date of lunar 1/1 of `year`, which must be in ``supportedYears``.
    public static func newYear(ofLunarYear year: Int) -> CivilDate {
        // Month 1 always lies in the cycle that ends in its own year, since month 11 is in December.
        guard let first = MonthElevenCycle(endingIn: year).months.first(where: { $0.number == 1 && !$0.isLeap }) else {
            preconditionFailure("lunar year \(year) has no month 1")
        }
        return CivilDate(julianDayNumber: first.firstDay)
    }

    /// Finds one month of a year without building the whole year.
    private static func lunarMonth(_ number: Int, isLeapMonth: Bool, ofLunarYear year: Int, for date: LunarDate) throws -> LunarMonth {
        guard supportedYears.contains(year) else {
            throw CoreError.invalidLunarDate(date, reason: "năm âm lịch phải từ 1 đến 9998", why: "lunar year outside 1...9998")
        }
        guard (1...12).contains(number) else {
            throw CoreError.invalidLunarDate(date, reason: "tháng phải từ 1 đến 12", why: "month outside 1...12")
        }
        let cycle = MonthElevenCycle(endingIn: number >= 11 ? year + 1 : year)
        guard let month = cycle.months.first(where: { $0.number == number && $0.isLeap == isLeapMonth }) else {
            throw CoreError.invalidLunarDate(
                date, reason: "năm \(year) âm lịch không có tháng \(number) nhuận",
                why: "lunar year \(year) has no leap month \(number)")
        }
        return LunarMonth(
            year: year, month: number, isLeapMonth: isLeapMonth,
            firstDay: CivilDate(julianDayNumber: month.firstDay), length: month.length)
    }
}
