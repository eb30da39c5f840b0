/// The lunar months a computation needs, worked out once and shared by every rule.
///
/// Going from a handful of lunar holidays to their solar dates is much cheaper than
/// converting every day of the year, and sharing the months keeps a year's holidays to a
/// few cycle computations however many lunar rules there are.
struct LunarYears {
    private let table: [Int: [LunarMonth]]

    /// The months of the lunar years in `years`.
    init(_ years: ClosedRange<Int>) {
        let cycles = Dictionary(uniqueKeysWithValues: (years.lowerBound...years.upperBound + 1).map {
            ($0, MonthElevenCycle(endingIn: $0))
        })
        table = Dictionary(uniqueKeysWithValues: years.map { year in
            (year, LunarCalendar.months(ofLunarYear: year, from: cycles[year]!, and: cycles[year + 1]!))
        })
    }

    /// The months of lunar years `year - 1` and `year`: every lunar day that can fall in
    /// Gregorian year `year`.
    init(around year: Int) {
        self.init(year - 1...year)
    }

    /// The months of a lunar year, computed now if it was not among those prepared.
    func months(of lunarYear: Int) -> [LunarMonth] {
        table[lunarYear] ?? LunarCalendar.months(ofLunarYear: lunarYear)
    }
}
