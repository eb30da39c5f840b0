/// The recurring holidays a ``WorkingCalendar`` starts from.
///
/// Encoded as a plain array of ``HolidayRule``, so rule sets can be shipped as data.
public struct HolidayRules: Hashable, Sendable {
    public private(set) var rules: [HolidayRule]

    public init(_ rules: [HolidayRule]) {
        self.rules = rules
    }

    /// Adds a rule.
    public mutating func append(_ rule: HolidayRule) {
        rules.append(rule)
    }

    /// A copy with one more rule.
    public func appending(_ rule: HolidayRule) -> HolidayRules {
        var copy = self
        copy.append(rule)
        return copy
    }

    /// The holidays the rules give in Gregorian year `year`, sorted by date, one per day.
    ///
    /// When two rules fall on the same day, the day is off once and keeps the name of the
    /// rule listed first: the law gives a day in lieu for a holiday on a weekend, not for
    /// two holidays on one day.
    public func holidays(in year: Int) -> [Holiday] {
        holidays(in: year, lunarYears: LunarYears(around: year))
    }

    func holidays(in year: Int, lunarYears: LunarYears) -> [Holiday] {
        var seen: Set<CivilDate> = []
        var result: [Holiday] = []
        for rule in rules {
            for date in rule.dates(inYear: year, lunarYears: lunarYears) where seen.insert(date).inserted {
                result.append(Holiday(date: date, name: rule.name))
            }
        }
        return result.sorted { $0.date < $1.date }
    }
}

extension HolidayRules: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([HolidayRule].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rules)
    }
}

extension HolidayRules {
    /// The public holidays of Bộ luật Lao động 2019, Điều 112, khoản 1 (11 days a year):
    ///
    /// - Tết Dương lịch: 1 January;
    /// - Tết Nguyên đán: the last day of the lunar year and lunar 1/1 to 4/1 (5 days);
    /// - Giỗ Tổ Hùng Vương: lunar 10/3;
    /// - Ngày Chiến thắng: 30 April;
    /// - Ngày Quốc tế Lao động: 1 May;
    /// - Quốc khánh: 2 September and one adjacent day, here 1 September.
    ///
    /// The law lets the Prime Minister choose each year whether the adjacent day is 1 or
    /// 3 September and fix the exact Tết days; those choices are yearly
    /// ``CalendarOverrides``. The rules carry no year bounds, so earlier years are
    /// computed as if the 2019 code had applied (before 2021, only 2 September was off).
    public static let laborCode2019 = HolidayRules([
        HolidayRule(unchecked: "Tết Dương lịch", on: .solar(month: 1, day: 1)),
        HolidayRule(unchecked: "Tết Nguyên đán", on: .lastDayOfLunarYear),
        HolidayRule(unchecked: "Tết Nguyên đán", on: .lunar(month: 1, day: 1)),
        HolidayRule(unchecked: "Tết Nguyên đán", on: .lunar(month: 1, day: 2)),
        HolidayRule(unchecked: "Tết Nguyên đán", on: .lunar(month: 1, day: 3)),
        HolidayRule(unchecked: "Tết Nguyên đán", on: .lunar(month: 1, day: 4)),
        HolidayRule(unchecked: "Giỗ Tổ Hùng Vương", on: .lunar(month: 3, day: 10)),
        HolidayRule(unchecked: "Ngày Chiến thắng", on: .solar(month: 4, day: 30)),
        HolidayRule(unchecked: "Ngày Quốc tế Lao động", on: .solar(month: 5, day: 1)),
        HolidayRule(unchecked: "Quốc khánh", on: .solar(month: 9, day: 1)),
        HolidayRule(unchecked: "Quốc khánh", on: .solar(month: 9, day: 2)),
    ])
}
