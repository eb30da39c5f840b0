import BaoCaoCore
import Foundation

/// One unit's running version as a node reports it to its parent: its own (seen now), and
/// each unit below it as it last saw it. The parent keeps, for every unit of its subtree,
/// the newest sighting, so the province sees which units lag behind the latest update.
public struct ReportedVersion: Sendable, Hashable {
    public let unit: UnitCode
    public let version: SoftwareVersion
    /// When the reporting node last heard from the unit's node; `nil` for the reporting
    /// node itself, which the parent sees now.
    public let seenAt: Date?

    public init(unit: UnitCode, version: SoftwareVersion, seenAt: Date?) {
        self.unit = unit
        self.version = version
        self.seenAt = seenAt
    }
}
