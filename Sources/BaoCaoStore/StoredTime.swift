import Foundation
import GRDB

/// Instants as the store writes them for tables that compare or hash their text:
/// ISO 8601 in UTC with milliseconds, e.g. `2026-11-22T01:35:00.123Z`.
///
/// The accounts, sections, audit log and audit anchors were written this way from the
/// start, while the other tables keep GRDB's own `yyyy-MM-dd HH:mm:ss.SSS`. Records of those
/// tables use ``encoding`` and ``decoding`` for their `Date` properties, so the text in the
/// database stays exactly what it always was.
public enum StoredTime {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    public static func text(_ instant: Date) -> String { instant.formatted(style) }

    public static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: style)) ?? (try? Date(text, strategy: .iso8601))
    }

    /// Writes a record's `Date` as ``text(_:)``.
    static let encoding = DatabaseDateEncodingStrategy.custom { text($0) }

    /// Reads a record's `Date` from ``text(_:)``. Text that is not an instant reads as
    /// `distantPast`, as the accounts always read it: a password changed "long ago" must
    /// be changed, and a sign-in must not fail on one unreadable date.
    static let decoding = DatabaseDateDecodingStrategy.custom { value in
        String.fromDatabaseValue(value).map { date($0) ?? .distantPast }
    }
}
