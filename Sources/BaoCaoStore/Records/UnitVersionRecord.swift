import BaoCaoCore
import Foundation
import GRDB

/// The version of the program a unit's node was last seen running: a row of `unitVersion`.
public struct UnitVersionRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "unitVersion"

    public var unitCode: UnitCode
    public var version: SoftwareVersion
    /// When the node that saw it (``reportedBy``) last heard from the unit's node.
    public var seenAt: Date
    /// The child that told this node (the unit itself, or the child whose subtree holds it);
    /// this node's own code for its own row.
    public var reportedBy: UnitCode

    public init(unitCode: UnitCode, version: SoftwareVersion, seenAt: Date, reportedBy: UnitCode) {
        self.unitCode = unitCode
        self.version = version
        self.seenAt = seenAt
        self.reportedBy = reportedBy
    }
}
