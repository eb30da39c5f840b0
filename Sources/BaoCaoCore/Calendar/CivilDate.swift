/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Reporting deadlines and cut-off windows are whole days in Vietnam, so we never want a
/// `Date` (an instant) where a day is meant: an instant turns into a different day when
/// it is printed in another zone. A `CivilDate` is just the three numbers, validated once
/// at construction, so that every value that exists is a real date between 0001-01-01
/// and 9999-12-31. Its text form is always `YYYY-MM-DD`, which also sorts correctly.
///
/// Arithmetic goes through the Julian day number (an integer count of days), which keeps
/// it exact and free of Foundation's `Calendar`.
public struct CivilDate: Hashable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a `CivilDate` can hold: exactly those written with four digits.
    public static let supportedYears = 1...9999

    /// Makes a date after checking that it exists.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidDate`` when the year is outside 0001–9999, the month is
    /// outside 1–12, or the day does not exist in that month (for example 2026-02-29).
    public init(year: Int, month: Int, day: Int) throws {
        guard Self.supportedYears.contains(year) else {
            throw CoreError.invalidDate(
                year: year, month: month, day: day,
                reason: "năm phải từ 0001 đến 9999", why: "year outside 1...9999")
        }
        guard (1...12).contains(month) else {
            throw CoreError.invalidDate(
                year: year, month: month, day: day,
                reason: "tháng phải từ 01 đến 12", why: "month outside 1...12")
        }
        let length = Self.daysInMonth(year: year, month: month)
        guard (1...length).contains(day) else {
            throw CoreError.invalidDate(
                year: year, month: month, day: day,
                reason: "tháng \(DigitText.padded(month, width: 2))/\(year) chỉ có \(length) ngày",
                why: "day outside 1...\(length)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// For callers that have already checked the numbers (our own arithmetic).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads a date written strictly as `YYYY-MM-DD`: four, two and two ASCII digits.
    ///
    /// Nothing else is accepted, not `2026-3-5`, not `2026-03-05T00:00`, not surrounding
    /// spaces: dates arrive in bundles and configuration files, where a lenient reader
    /// would hide a mistake until a deadline lands on the wrong day.
    ///
    /// #### Errors
    /// Throws ``CoreError/Code/invalidDateText`` when the text does not have that shape, and
    /// ``CoreError/Code/invalidDate`` when it does but the date does not exist (`2026-02-30`).
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = DigitText.number(bytes[0..<4], width: 4),
            let month = DigitText.number(bytes[5..<7], width: 2),
            let day = DigitText.number(bytes[8..<10], width: 2)
        else {
            throw CoreError.invalidDateText(text)
        }
        try self.init(year: year, month: month, day: day)
    }
}

extension CivilDate: CustomStringConvertible {
    /// The date as `YYYY-MM-DD`, the same text ``init(parsing:)`` reads.
    public var description: String {
        "\(DigitText.padded(year, width: 4))-\(DigitText.padded(month, width: 2))-\(DigitText.padded(day, width: 2))"
    }
}

extension CivilDate: Comparable {
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Codable as the `YYYY-MM-DD` string, so files stay readable and sortable, refusing
/// anything ``init(parsing:)`` refuses; `"2026-03-01"` as a literal.
extension CivilDate: TextRepresentable {}
