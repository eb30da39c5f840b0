/// A day of the Vietnamese lunar calendar (âm lịch).
///
/// The numbers alone do not say whether the date exists, because month lengths and leap
/// months come from astronomy; ``LunarCalendar/solarDate(for:)`` checks that when it
/// converts. Values that come out of ``LunarCalendar/lunarDate(for:)`` always exist.
///
/// `year` is the Gregorian number of the year in which the lunar year begins: the lunar
/// year Bính Ngọ, whose Tết is 2026-02-17, is `2026`.
public struct LunarDate: Hashable, Sendable, Codable {
    public var day: Int
    public var month: Int
    public var year: Int
    /// Whether the month is the leap month (tháng nhuận) that repeats `month`'s number.
    public var isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    /// The date as people write it: `10/3/2026`, or `1/6 nhuận/2025` in a leap month.
    var numericText: String {
        "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year)"
    }
}

extension LunarDate: CustomStringConvertible {
    /// For people: `10/3/2026 (âm lịch)`.
    public var description: String { "\(numericText) (âm lịch)" }
}
