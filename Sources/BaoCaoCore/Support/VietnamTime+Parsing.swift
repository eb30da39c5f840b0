import Foundation

extension VietnamTime {
    /// The instant a person typed in Vietnam's time: `14/03/2026 09:30` (as documents write
    /// it), `2026-03-14 09:30` or `2026-03-14T09:30` (a browser's date-time field); `nil`
    /// for anything else or an impossible date or time.
    public static func instant(parsing text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard parts.count == 2 else { return nil }
        let clock = parts[1].split(separator: ":").map { Int($0) }
        guard clock.count == 2, let hour = clock[0], let minute = clock[1], (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        let day: [Int?]
        let order: (year: Int, month: Int, day: Int)
        if parts[0].contains("/") {
            day = parts[0].split(separator: "/").map { Int($0) }
            order = (2, 1, 0)
        } else {
            day = parts[0].split(separator: "-").map { Int($0) }
            order = (0, 1, 2)
        }
        guard day.count == 3, let year = day[order.year], let month = day[order.month], let dayOfMonth = day[order.day],
              let date = try? CivilDate(year: year, month: month, day: dayOfMonth) else { return nil }
        return startOfDay(date).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }
}
