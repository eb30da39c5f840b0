/// The days off of one Gregorian year, worked out once for a run of look-ups.
///
/// This is where the law's order of operations lives: rules first, then days off in lieu,
/// then the year's overrides.
struct YearSchedule {
    let year: Int
    /// Holidays and in-lieu days by date, with overrides applied.
    let daysOff: [CivilDate: Holiday]
    /// Days worked whatever else would hold.
    let workingDays: Set<CivilDate>

    init(year: Int, rules: HolidayRules, overrides: CalendarOverrides) {
        self.year = year
        let allRules = HolidayRules(rules.rules + overrides.extraRules)
        // Last year's holidays take part too: a holiday on Saturday 31 December would give
        // its day in lieu on Monday 2 January, and that day must not be used twice.
        let lunarYears = LunarYears(year - 2...year)
        let holidays = allRules.holidays(in: year - 1, lunarYears: lunarYears)
            + allRules.holidays(in: year, lunarYears: lunarYears)
        var days: [CivilDate: Holiday] = [:]
        for holiday in holidays {
            days[holiday.date] = holiday
        }
        for holiday in Self.daysInLieu(of: holidays, taken: Set(days.keys)) {
            days[holiday.date] = holiday
        }
        days = days.filter { $0.key.year == year }

        for date in overrides.removedDaysOff where date.year == year {
            days[date] = nil
        }
        for holiday in overrides.extraDaysOff where holiday.date.year == year && days[holiday.date] == nil {
            days[holiday.date] = holiday
        }
        let working = Set(overrides.makeUpWorkingDays.map(\.date).filter { $0.year == year })
        for date in working {
            days[date] = nil
        }
        daysOff = days
        workingDays = working
    }

    /// Bộ luật Lao động 2019, Điều 111, khoản 3: a holiday that falls on the weekly rest
    /// day gives a day off on the next working day.
    ///
    /// Holidays are taken in date order and each takes the first weekday after it that is
    /// neither a holiday nor already given in lieu, so Saturday 30 April and Sunday 1 May
    /// give Monday 2 and Tuesday 3 May.
    private static func daysInLieu(of holidays: [Holiday], taken: Set<CivilDate>) -> [Holiday] {
        var taken = taken
        var result: [Holiday] = []
        for holiday in holidays.sorted(by: { $0.date < $1.date }) where holiday.date.isWeekend {
            var day = holiday.date.adding(days: 1)
            while day.isWeekend || taken.contains(day) {
                day = day.adding(days: 1)
            }
            taken.insert(day)
            result.append(Holiday(date: day, name: "Nghỉ bù \(holiday.name)"))
        }
        return result
    }

    func isWorkingDay(_ date: CivilDate) -> Bool {
        if workingDays.contains(date) { return true }
        return !date.isWeekend && daysOff[date] == nil
    }
}
