import BaoCaoBundle
import BaoCaoCore

/// A receiving window's announcement as the `--json` outputs write it.
enum WindowAnnouncementJSON {
    static func value(_ a: WindowAnnouncement) -> JSONValue {
        .object([
            ("kind", .string(a.kind.rawValue)), ("at", .string(Manifest.formatTime(a.at))), ("by", .string(a.by)),
            ("until", a.until.map { .string(Manifest.formatTime($0)) } ?? .null),
            ("documentNumber", a.documentNumber.map(JSONValue.string) ?? .null),
            ("documentDate", a.documentDate.map { .string($0.description) } ?? .null),
            ("reason", a.reason.map(JSONValue.string) ?? .null),
        ])
    }
}
