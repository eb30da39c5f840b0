/// One month of the lunar calendar, placed on the solar calendar.
///
/// A month begins on the day (at UTC+7) of a new moon and lasts until the next: 29 or 30
/// days. Listing a year's months is the cheap way to convert many dates at once.
public struct LunarMonth: Hashable, Sendable, Codable {
    /// The lunar year the month belongs to (see ``LunarDate/year``).
    public let year: Int
    /// The month's number, 1–12; a leap month repeats the number of the month before it.
    public let month: Int
    public let isLeapMonth: Bool
    /// The civil date of day 1 of the month.
    public let firstDay: CivilDate
    /// 29 or 30.
    public let length: Int

    /// The civil date of the month's last day (day 29 or 30).
    public var lastDay: CivilDate { firstDay.adding(days: length - 1) }

    /// The lunar date of day `day` of this month (no range check).
    func lunarDate(day: Int) -> LunarDate {
        LunarDate(day: day, month: month, year: year, isLeapMonth: isLeapMonth)
    }
}
