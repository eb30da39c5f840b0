import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation

/// A child's clock against the parent's, measured at every sync: the child states its
/// time (`BaoCao-Clock`, UTC, ISO-8601) and the parent records how far ahead (or, negative,
/// behind) it is. Completeness judges a report's signing time against this skew.
package enum ClockSkew {
    package static func stamp(_ date: Date) -> String { Manifest.formatTime(date) }

    /// The time a `BaoCao-Clock` stamp states; `nil` when there is none or it does not read.
    package static func statedTime(_ stamp: String?) -> Date? {
        guard let stamp else { return nil }
        return try? Date(stamp, strategy: .iso8601)
    }

    /// Records the skew; a missing or unreadable stamp changes nothing (an older child),
    /// and neither does a failure to write it: the measure is for people, not for the sync.
    static func record(_ stamp: String?, of child: UnitCode, in runtime: NodeRuntime, now: Date) async {
        guard let reading = reading(stamp, of: child, now: now) else { return }
        try? await runtime.recordClockSkew(of: child, seconds: reading.seconds, at: now)
    }

    /// The skew a stamp read at `now` shows; `nil` when there is no stamp or it does not read.
    static func reading(_ stamp: String?, of child: UnitCode, now: Date) -> ClockReading? {
        guard let stated = statedTime(stamp) else { return nil }
        return ClockReading(unit: child, seconds: Int(stated.timeIntervalSince(now).rounded()), measuredAt: now)
    }
}
