import BaoCaoCore
import Foundation

/// What applying a succession did at one node (``ReformService/apply(out:by:at:)``), for the
/// admin to read: the node's step, the handover files written, and what is left to do by hand.
public struct ReformApplication: Sendable {
    /// One history handover bundle written for the successor (to carry on a USB stick).
    public struct HandoverFile: Sendable, Hashable {
        public let path: String
        public let bundleId: String
        public let originals: Int
    }

    /// The node's unit as it was on the old map.
    public let former: ReportingUnit
    public let action: ReformPlan.Action
    public let succession: Succession
    public let handover: [HandoverFile]
    /// The personnel records sealed to the successor (a merging node's kept records).
    public let personnelRecords: Int
    /// For a continuing node: its code on the new map, when it changed.
    public var newCode: UnitCode? {
        guard case .continueAs(let unit) = action, unit.code != former.code else { return nil }
        return unit.code
    }
    /// What the admin must still do, in Vietnamese, one step a line.
    public let stillToDo: [String]
}
