import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import Foundation

/// The `BaoCao-Versions` field a child sends with every feed request: the version of the
/// program it runs and the last seen version of each unit below it, as
/// `CODE=VERSION` (itself) and `CODE=VERSION@TIME` (below, UTC ISO-8601), comma-separated.
/// Unit codes, versions and times hold no comma, `=` or `@`, so nothing needs escaping.
/// A parent records only the caller and units of its subtree (``NodeRuntime/recordVersions(_:from:now:)``).
package enum VersionReport {
    package static func field(_ versions: [ReportedVersion]) -> String {
        versions.map { entry in
            "\(entry.unit)=\(entry.version)" + (entry.seenAt.map { "@" + Manifest.formatTime($0) } ?? "")
        }.joined(separator: ",")
    }

    /// The entries a field states; an entry that does not read is skipped (a newer child's
    /// syntax), never failing the sync.
    package static func entries(_ field: String?) -> [ReportedVersion] {
        guard let field else { return [] }
        return field.split(separator: ",").compactMap { item in
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let unit = try? UnitCode(parsing: String(pair[0].trimmingCharacters(in: .whitespaces))) else { return nil }
            let rest = pair[1].split(separator: "@", maxSplits: 1)
            guard let version = try? SoftwareVersion(parsing: String(rest[0])) else { return nil }
            var seenAt: Date?
            if rest.count == 2 {
                guard let time = try? Date(String(rest[1]), strategy: .iso8601) else { return nil }
                seenAt = time
            }
            return ReportedVersion(unit: unit, version: version, seenAt: seenAt)
        }
    }

    /// Records what a feed request reports; a failure changes nothing and never fails the
    /// sync: the versions are for people, like the clock skew.
    static func record(_ field: String?, of child: UnitCode, in runtime: NodeRuntime, now: Date) async {
        let entries = entries(field)
        guard !entries.isEmpty else { return }
        _ = try? await runtime.recordVersions(entries, from: child, now: now)
    }
}
