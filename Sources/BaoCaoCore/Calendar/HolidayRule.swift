/// A holiday that comes back every year on the same solar or lunar date.
///
/// Rules are data: the defaults of the Labour Code are ``HolidayRules/laborCode2019``,
/// and a release can carry more (a new national day from some year on) through
/// ``CalendarOverrides/extraRules`` without a new version of the program.
///
/// `fromYear` and `toYear` bound the Gregorian years in which the rule's day falls, both
/// inclusive; `nil` means no bound.
public struct HolidayRule: Hashable, Sendable {
    /// The Vietnamese name of the holiday, shown on every day it gives.
    public let name: String
    /// Which day of the year the holiday falls on.
    public let anchor: Anchor
    /// The first Gregorian year the rule applies to. The default is `nil`: always did.
    public let fromYear: Int?
    /// The last Gregorian year the rule applies to. The default is `nil`: still does.
    public let toYear: Int?

    /// Makes a rule after checking that its day can exist.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidHolidayRule`` when the name is empty, a solar day does
    /// not exist in any year (31 April), a lunar month is outside 1–12 or a lunar day
    /// outside 1–30, or `fromYear` is after `toYear`.
    public init(_ name: String, on anchor: Anchor, fromYear: Int? = nil, toYear: Int? = nil) throws {
        guard !name.allSatisfy(\.isWhitespace) else {
            throw CoreError.invalidHolidayRule(name: name, reason: "thiếu tên ngày nghỉ", why: "empty name")
        }
        switch anchor.storage {
        case .solar(let month, let day):
            guard (1...12).contains(month), (1...CivilDate.daysInMonth(year: 2000, month: month)).contains(day) else {
                throw CoreError.invalidHolidayRule(
                    name: name, reason: "ngày \(day)/\(month) dương lịch không tồn tại",
                    why: "solar day \(day)/\(month) does not exist")
            }
        case .lunar(let month, let day):
            guard (1...12).contains(month), (1...30).contains(day) else {
                throw CoreError.invalidHolidayRule(
                    name: name, reason: "ngày \(day)/\(month) âm lịch không tồn tại (tháng 1–12, ngày 1–30)",
                    why: "lunar day \(day)/\(month) does not exist")
            }
        case .lastDayOfLunarYear:
            break
        }
        if let fromYear, let toYear, fromYear > toYear {
            throw CoreError.invalidHolidayRule(
                name: name, reason: "năm bắt đầu \(fromYear) sau năm kết thúc \(toYear)",
                why: "fromYear \(fromYear) after toYear \(toYear)")
        }
        self.init(unchecked: name, on: anchor, fromYear: fromYear, toYear: toYear)
    }

    /// For the built-in rules, which are known to be valid.
    init(unchecked name: String, on anchor: Anchor, fromYear: Int? = nil, toYear: Int? = nil) {
        self.name = name
        self.anchor = anchor
        self.fromYear = fromYear
        self.toYear = toYear
    }

    /// Whether the rule is in force in Gregorian year `year`.
    public func applies(inYear year: Int) -> Bool {
        (fromYear.map { $0 <= year } ?? true) && (toYear.map { year <= $0 } ?? true)
    }

    /// The days this rule gives in Gregorian year `year`: usually one, none when the rule
    /// is not in force or its day does not exist that year (29 February, or a lunar 30th in
    /// a 29-day month), and at most two for a lunar day of month 11 or 12.
    public func dates(inYear year: Int) -> [CivilDate] {
        dates(inYear: year, lunarYears: LunarYears(around: year))
    }

    func dates(inYear year: Int, lunarYears: LunarYears) -> [CivilDate] {
        guard applies(inYear: year) else { return [] }
        switch anchor.storage {
        case .solar(let month, let day):
            return (try? CivilDate(year: year, month: month, day: day)).map { [$0] } ?? []
        case .lunar(let month, let day):
            // A lunar day of lunar year Y falls in Gregorian year Y, or Y + 1 for late months.
            return [year - 1, year].compactMap { lunarYear -> CivilDate? in
                guard let lunarMonth = lunarYears.months(of: lunarYear).first(where: { $0.month == month && !$0.isLeapMonth }),
                    day <= lunarMonth.length
                else { return nil }
                let date = lunarMonth.firstDay.adding(days: day - 1)
                return date.year == year ? date : nil
            }
        case .lastDayOfLunarYear:
            // Tết is always between 21 January and 20 February, so its eve is in the same year.
            guard let newYear = lunarYears.months(of: year).first else { return [] }
            return [newYear.firstDay.adding(days: -1)]
        }
    }
}

extension HolidayRule {
    /// The day of the year a ``HolidayRule`` falls on.
    ///
    /// A struct rather than a public enum so that new kinds of day can be added later
    /// without breaking code that switches over it.
    ///
    /// A lunar anchor means the ordinary month of that number, never the leap month that
    /// repeats it: Giỗ Tổ is kept in the first third month of a year with a leap third month.
    public struct Anchor: Hashable, Sendable, CustomStringConvertible {
        enum Storage: Hashable, Sendable {
            case solar(month: Int, day: Int)
            case lunar(month: Int, day: Int)
            case lastDayOfLunarYear
        }

        let storage: Storage

        /// The same solar (Gregorian) date every year, such as 2 September.
        public static func solar(month: Int, day: Int) -> Anchor { Anchor(storage: .solar(month: month, day: day)) }

        /// The same lunar date every year, such as 10/3 (Giỗ Tổ Hùng Vương).
        public static func lunar(month: Int, day: Int) -> Anchor { Anchor(storage: .lunar(month: month, day: day)) }

        /// The last day of the lunar year, the eve of Tết: the 29th or the 30th of month 12.
        public static let lastDayOfLunarYear = Anchor(storage: .lastDayOfLunarYear)

        /// For people: "ngày 2/9 dương lịch", "ngày 10/3 âm lịch", "ngày cuối năm âm lịch".
        public var description: String {
            switch storage {
            case .solar(let month, let day): "ngày \(day)/\(month) dương lịch"
            case .lunar(let month, let day): "ngày \(day)/\(month) âm lịch"
            case .lastDayOfLunarYear: "ngày cuối năm âm lịch"
            }
        }
    }
}
