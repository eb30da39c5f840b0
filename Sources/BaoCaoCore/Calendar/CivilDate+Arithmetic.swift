// Day arithmetic on civil dates, through the Julian day number.

extension CivilDate {
    /// The number of days in a month of the proleptic Gregorian calendar (28 to 31).
    ///
    /// A year is a leap year when divisible by 4, except centuries not divisible by 400.
    /// `month` must be 1–12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        precondition((1...12).contains(month), "month \(month) outside 1...12")
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The Julian day number: days counted from noon, 1 January 4713 BC (Julian calendar).
    ///
    /// It is the bridge to the astronomy of the lunar calendar, whose formulas are written
    /// in Julian days, and it turns date differences into integer subtraction.
    /// 2000-01-01 is 2 451 545.
    public var julianDayNumber: Int {
        Self.julianDayNumber(year: year, month: month, day: day)
    }

    /// The Julian day number of unchecked numbers, for arithmetic that may step just
    /// outside the years a `CivilDate` holds (the lunar calendar looks at year 0's December).
    static func julianDayNumber(year: Int, month: Int, day: Int) -> Int {
        // Fliegel and Van Flandern (1968); exact in integers for all years > -4800.
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// The civil date with this Julian day number.
    ///
    /// The number must fall within 0001-01-01 (1 721 426) and 9999-12-31 (5 373 484); a
    /// value outside is a programming error and stops the program, because no caller can
    /// meaningfully handle a date ten thousand years away.
    public init(julianDayNumber: Int) {
        precondition(
            (1_721_426...5_373_484).contains(julianDayNumber),
            "Julian day number \(julianDayNumber) outside 0001-01-01...9999-12-31")
        let a = julianDayNumber + 32044
        let b = (4 * a + 3) / 146_097
        let c = a - 146_097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        self.init(
            unchecked: 100 * b + d - 4800 + m / 10,
            m + 3 - 12 * (m / 10),
            e - (153 * m + 2) / 5 + 1)
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(julianDayNumber: julianDayNumber + days)
    }

    /// The day of the week as in ISO 8601: 1 is Monday, …, 6 Saturday, 7 Sunday.
    public var weekday: Int {
        // Julian day number 0 was a Monday.
        julianDayNumber % 7 + 1
    }

    /// Whether the date is a Saturday or a Sunday, the weekly rest days of public offices.
    public var isWeekend: Bool { weekday >= 6 }

    /// The first day of this date's month.
    public var firstDayOfMonth: CivilDate { CivilDate(unchecked: year, month, 1) }

    /// The last day of this date's month (for example 2024-02-29 for any day of February 2024).
    public var lastDayOfMonth: CivilDate {
        CivilDate(unchecked: year, month, Self.daysInMonth(year: year, month: month))
    }
}

/// Dates are strideable by days, so `for day in from...to` walks a window day by day.
extension CivilDate: Strideable {
    public func distance(to other: CivilDate) -> Int { other.julianDayNumber - julianDayNumber }
    public func advanced(by days: Int) -> CivilDate { adding(days: days) }
}
