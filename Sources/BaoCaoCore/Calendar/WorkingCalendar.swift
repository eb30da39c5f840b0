/// Which days public offices work, and where a deadline lands.
///
/// A deadline that falls on a weekend or public holiday moves to the next working day
/// (seed 002, Điều 14 khoản 2). This type answers that from the
/// holiday rules, the in-lieu rule of the Labour Code, and the year's overrides.
///
/// It holds only its inputs and caches nothing: each question works out the year it
/// needs, which takes a few lunar-month computations (well under a millisecond). Callers
/// that ask about many days of one year should take ``daysOff(in:)`` once.
public struct WorkingCalendar: Hashable, Sendable {
    /// The recurring holidays. The default is ``HolidayRules/laborCode2019``.
    public let rules: HolidayRules
    /// The yearly decisions on top of the rules. The default is ``CalendarOverrides/none``.
    public let overrides: CalendarOverrides

    /// The years a working calendar answers for; asking about another stops the program.
    ///
    /// The lunar astronomy is checked for 1900–2100; far outside it the lunar holidays are
    /// an extrapolation.
    public static let supportedYears = 1000...9998

    public init(rules: HolidayRules = .laborCode2019, overrides: CalendarOverrides = .none) {
        self.rules = rules
        self.overrides = overrides
    }

    /// Every day off of a Gregorian year that is not a plain weekend: the holidays, the days
    /// in lieu ("Nghỉ bù …") and the extra days of the overrides, sorted by date.
    ///
    /// A holiday that falls on a weekend is listed (it is still the holiday), and so is the
    /// weekday it gives in lieu. `year` must be within ``supportedYears``.
    public func daysOff(in year: Int) -> [Holiday] {
        schedule(for: year).daysOff.values.sorted { $0.date < $1.date }
    }

    /// The holiday or day in lieu on `date`, if it is one.
    public func dayOff(on date: CivilDate) -> Holiday? {
        schedule(for: date.year).daysOff[date]
    }

    /// Whether offices work on `date`: a weekday that is not off, or a make-up working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        schedule(for: date.year).isWorkingDay(date)
    }

    /// `date` itself if it is a working day, otherwise the next working day: where a
    /// deadline that falls on `date` really ends.
    public func firstWorkingDay(onOrAfter date: CivilDate) -> CivilDate {
        var schedule = schedule(for: date.year)
        var day = date
        while !schedule.isWorkingDay(day) {
            day = day.adding(days: 1)
            if day.year != schedule.year {
                schedule = self.schedule(for: day.year)
            }
        }
        return day
    }

    private func schedule(for year: Int) -> YearSchedule {
        precondition(Self.supportedYears.contains(year), "year \(year) outside \(Self.supportedYears)")
        return YearSchedule(year: year, rules: rules, overrides: overrides)
    }
}
