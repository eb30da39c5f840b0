import BaoCaoBundle
import BaoCaoStore
import Foundation
import HTTPTypes

/// A child's clock against the parent's, measured at every sync: the child states its
/// time (`BaoCao-Clock`, UTC, ISO-8601) and the parent records how far ahead (or, negative,
/// behind) it is. Completeness judges a report's signing time against this skew.
enum ClockSkew {
    static let headerName = "BaoCao-Clock"
    static let header = HTTPField.Name(headerName)!

    static func stamp(_ date: Date) -> String { Manifest.formatTime(date) }

    /// Records the skew; a missing or unreadable stamp changes nothing (an older child).
    static func record(_ stamp: String?, of child: String, in runtime: NodeRuntime, now: Date) {
        guard let stamp, let stated = try? Date(stamp, strategy: .iso8601) else { return }
        let seconds = Int(stated.timeIntervalSince(now).rounded())
        try? runtime.store.setClockSkew(unit: child, seconds: seconds, measuredAt: now)
    }
}
