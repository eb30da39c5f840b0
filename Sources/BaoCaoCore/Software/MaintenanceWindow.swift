import Foundation

/// When a waiting update may be installed without an admin: a daily span of Vietnam's
/// time, `HH:MM-HH:MM` (``UpdateConfiguration/window``). Vietnam keeps UTC+7 all year, so
/// the span is judged on the UTC instant shifted by seven hours, with no time zone database.
public struct MaintenanceWindow: Sendable, Hashable, CustomStringConvertible {
    /// Minutes after midnight, Vietnam's time.
    public let start: Int
    public let end: Int

    /// #### Errors
    /// ``CoreError`` `invalidMaintenanceWindow` for anything but `HH:MM-HH:MM` with two
    /// different times.
    public init(parsing text: String) throws {
        let halves = text.split(separator: "-", omittingEmptySubsequences: false)
        guard halves.count == 2, let start = Self.minutes(halves[0]), let end = Self.minutes(halves[1]), start != end else {
            throw CoreError(.invalidMaintenanceWindow,
                            message: "Khung giờ bảo trì \"\(text)\" không hợp lệ: phải có dạng GG:PP-GG:PP, giờ Việt Nam (ví dụ 01:00-04:00).",
                            log: "invalid maintenance window \(text)")
        }
        self.start = start
        self.end = end
    }

    /// Whether `instant` falls inside the window (start included, end excluded).
    public func contains(_ instant: Date) -> Bool {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        let minute = ((seconds / 60) % 1440 + 1440) % 1440
        return start < end ? (start <= minute && minute < end) : (minute >= start || minute < end)
    }

    public var description: String { "\(Self.text(start))-\(Self.text(end))" }

    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        return hours * 60 + minutes
    }

    private static func text(_ minutes: Int) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

extension ErrorCode where Domain == CoreDomain {
    public static let invalidMaintenanceWindow = Self("invalidMaintenanceWindow")
}
