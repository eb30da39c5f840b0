import Foundation
import GRDB

/// A decision that arrived before the report it decides (a district's decision and the
/// commune's report travel up to the province separately, and may cross): kept, and
/// applied in the transaction that records that report.
public struct HeldDecision: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "heldDecision"

    public var decisionBundleId: String
    /// The report bundle it decides.
    public var reportBundleId: String
    /// Whether it decides an archive copy (a report exchanged below this node) rather than
    /// this node's own report.
    public var relayed: Bool
    /// The decision as its bundle carries it (`decision.json`).
    public var decision: Data
    public var heldAt: Date
}
