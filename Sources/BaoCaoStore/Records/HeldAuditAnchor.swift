import BaoCaoCore
import Foundation

/// A head of this node's own audit log that another unit holds, as that unit's signed
/// bundle said: a parent's receipt echoing what it recorded, or a child's bundle relaying
/// the newest head of this node it had. Read from `auditAnchor` joined to the bundle that
/// brought it (``NodeStore/auditAnchorsHeld(of:)``).
public struct HeldAuditAnchor: Sendable, Hashable {
    public let anchor: AuditAnchorRecord
    /// The unit that signed the bundle saying it holds this head.
    public let heldBy: UnitCode

    public init(anchor: AuditAnchorRecord, heldBy: UnitCode) {
        self.anchor = anchor
        self.heldBy = heldBy
    }
}
