import BaoCaoCore
import Foundation
import GRDB

/// Instants as GRDB writes a `Date` by default — `yyyy-MM-dd HH:mm:ss.SSS` in UTC, the text
/// most tables (bundles, deliveries, reports, their events) have always held — made by
/// arithmetic instead of GRDB's shared `DateFormatter`.
///
/// Taking a province's reports in writes several instants per bundle, and the formatter
/// (ICU behind a lock) was a tenth of the store's work there. The text is the formatter's,
/// character for character (``DatabaseDateTextTests`` compares them): the same milliseconds
/// from the same double (`(reference interval + 978307200) × 1000`, rounded to the nearest
/// millisecond as the formatter does), the proleptic Gregorian calendar from 1970 on. Outside 1970–9999, where ICU switches to the Julian
/// calendar or widens the year, the formatter itself is used.
public enum DatabaseDateText {
    public static func text(_ instant: Date) -> String {
        let milliseconds = ((instant.timeIntervalSinceReferenceDate + 978_307_200) * 1000).rounded(.toNearestOrAwayFromZero)
        guard milliseconds >= 0, milliseconds < 253_402_300_800_000 else {
            return String.fromDatabaseValue(instant.databaseValue) ?? ""
        }
        let total = Int64(milliseconds)
        let days = total / 86_400_000
        let inDay = total % 86_400_000
        let date = CivilDate(julianDayNumber: Int(days) + 2_440_588)
        let (year, month, day) = (Int64(date.year), Int64(date.month), Int64(date.day))
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int64, at offset: Int, digits: Int) {
            var value = value
            for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, at: 5, digits: 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, at: 8, digits: 2)
        bytes[10] = UInt8(ascii: " ")
        put(inDay / 3_600_000, at: 11, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        put(inDay / 60_000 % 60, at: 14, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        put(inDay / 1000 % 60, at: 17, digits: 2)
        bytes[19] = UInt8(ascii: ".")
        put(inDay % 1000, at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// For a record's `Date` columns (`databaseDateEncodingStrategy(for:)`).
    public static let encoding = DatabaseDateEncodingStrategy.custom { text($0) }
}
