import Foundation

/// Time as Vietnam keeps it: Asia/Ho_Chi_Minh, UTC+7 all year (no daylight saving
/// since 1975). Times are stored in UTC and shown and reasoned about in this zone.
public enum VietnamTime {
    /// Seconds east of UTC.
    public static let offsetSeconds = 7 * 3600

    /// The instant a calendar day begins in Vietnam.
    public static func startOfDay(_ date: CivilDate) -> Date {
        let days = date.julianDayNumber - 2_440_588  // 1970-01-01
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 - offsetSeconds))
    }

    /// The calendar day it is in Vietnam at an instant.
    public static func civilDate(at instant: Date) -> CivilDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(julianDayNumber: days + 2_440_588)
    }

    /// `22/11/2026 08:35 (giờ Việt Nam)`, as documents and messages write an instant.
    public static func displayText(_ instant: Date) -> String {
        let date = civilDate(at: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)) (giờ Việt Nam)"
    }

    /// The instant written `2026-06-20T17:00` or `2026-06-20 17:00` in Vietnam time, as
    /// staff type a time in a form or on the command line; `nil` for anything else.
    public static func instant(localText text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2, let date = try? CivilDate(parsing: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":")
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), let second = clock.count == 3 ? Int(clock[2]) : 0,
              (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        return startOfDay(date).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60 + second))
    }
}
