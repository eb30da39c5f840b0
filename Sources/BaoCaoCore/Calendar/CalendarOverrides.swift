/// The year-by-year decisions that adjust the legal holidays, carried as data in releases.
///
/// Each year the government announces how the holidays are actually taken: days swapped to
/// make a longer Tết, the Saturdays worked to pay them back, which day sits next to 2
/// September. Those decisions arrive after the program is installed, so they are data.
/// They are applied after the rule of days off in lieu, in this order: removed days off,
/// extra days off, then make-up working days (which win over everything else).
///
/// In JSON every field may be left out and defaults to an empty list:
///
///     {
///       "extraDaysOff": [{ "date": "2026-01-02", "name": "Nghỉ Tết Dương lịch (hoán đổi)" }],
///       "makeUpWorkingDays": [{ "date": "2026-01-10", "name": "Làm bù ngày 02/01/2026" }],
///       "removedDaysOff": ["2027-09-01"],
///       "extraRules": [{ "name": "Ngày Văn hóa Việt Nam", "calendar": "solar", "month": 11, "day": 24, "fromYear": 2025 }]
///     }
public struct CalendarOverrides: Hashable, Sendable {
    /// A day that is worked although it would be off, usually a Saturday that pays back a
    /// swapped day.
    public struct MakeUpWorkingDay: Hashable, Sendable, Codable {
        public var date: CivilDate
        /// What the day pays back, shown to users: "Làm bù ngày 02/01/2026".
        public var name: String

        public init(date: CivilDate, name: String) {
            self.date = date
            self.name = name
        }
    }

    /// Dated days off added on top of the rules. The default is none.
    public var extraDaysOff: [Holiday]
    /// Dated working days, even on a weekend or holiday. The default is none.
    public var makeUpWorkingDays: [MakeUpWorkingDay]
    /// Days that the rules or the in-lieu rule make off but that are worked this time,
    /// usually because the holiday moved elsewhere. The default is none.
    public var removedDaysOff: [CivilDate]
    /// Recurring holidays added to the base rules, such as a new national day. They take
    /// part in the in-lieu rule like any other holiday. The default is none.
    public var extraRules: [HolidayRule]

    public init(
        extraDaysOff: [Holiday] = [],
        makeUpWorkingDays: [MakeUpWorkingDay] = [],
        removedDaysOff: [CivilDate] = [],
        extraRules: [HolidayRule] = []
    ) {
        self.extraDaysOff = extraDaysOff
        self.makeUpWorkingDays = makeUpWorkingDays
        self.removedDaysOff = removedDaysOff
        self.extraRules = extraRules
    }

    /// No overrides: the calendar is exactly what the rules give.
    public static let none = CalendarOverrides()

    /// Adds the entries of `other`, for example the overrides of another year's release.
    public mutating func merge(_ other: CalendarOverrides) {
        extraDaysOff += other.extraDaysOff
        makeUpWorkingDays += other.makeUpWorkingDays
        removedDaysOff += other.removedDaysOff
        extraRules += other.extraRules
    }

    /// A copy holding the entries of both.
    public func merging(_ other: CalendarOverrides) -> CalendarOverrides {
        var copy = self
        copy.merge(other)
        return copy
    }
}

extension CalendarOverrides: Codable {
    private enum CodingKeys: String, CodingKey {
        case extraDaysOff, makeUpWorkingDays, removedDaysOff, extraRules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            extraDaysOff: try container.decodeIfPresent([Holiday].self, forKey: .extraDaysOff) ?? [],
            makeUpWorkingDays: try container.decodeIfPresent([MakeUpWorkingDay].self, forKey: .makeUpWorkingDays) ?? [],
            removedDaysOff: try container.decodeIfPresent([CivilDate].self, forKey: .removedDaysOff) ?? [],
            extraRules: try container.decodeIfPresent([HolidayRule].self, forKey: .extraRules) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(extraDaysOff, forKey: .extraDaysOff)
        try container.encode(makeUpWorkingDays, forKey: .makeUpWorkingDays)
        try container.encode(removedDaysOff, forKey: .removedDaysOff)
        try container.encode(extraRules, forKey: .extraRules)
    }
}
