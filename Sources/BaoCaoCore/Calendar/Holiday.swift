/// A day off for public offices, with the name people know it by.
///
/// Holidays come out of ``WorkingCalendar/daysOff(in:)``: the legal holidays, the days
/// off in lieu (named "Nghỉ bù …") and the extra days of a year's overrides. Weekends are
/// never listed; they are off by ``CivilDate/isWeekend``.
public struct Holiday: Hashable, Sendable, Codable, CustomStringConvertible {
    public var date: CivilDate
    /// The Vietnamese name shown to users, for example "Giỗ Tổ Hùng Vương".
    public var name: String

    public init(date: CivilDate, name: String) {
        self.date = date
        self.name = name
    }

    /// `2026-04-26 Giỗ Tổ Hùng Vương`.
    public var description: String { "\(date) \(name)" }
}
