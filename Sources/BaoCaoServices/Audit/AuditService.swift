import BaoCaoCore
import BaoCaoStore
import Foundation

/// The anchors a parent holds for this node's audit log, brought to check it against
/// (``AuditService/verify(against:by:)``).
public struct AuditAnchors: Sendable, Hashable {
    /// The unit whose log they anchor.
    public let unit: UnitCode
    public let heads: [AuditHead]
    /// Where they came from (e.g. a file), named when they belong to another unit.
    public let source: String

    public init(unit: UnitCode, heads: [AuditHead], source: String) {
        self.unit = unit
        self.heads = heads
        self.source = source
    }
}

/// Reading and checking the audit log (DESIGN §11): who may, and which anchors a parent
/// may hand out. The log itself is ``AuditLog``'s; every reading goes through here so the
/// command line and the web interface refuse the same people.
public struct AuditService: Sendable {
    public let store: NodeStore
    public let home: UnitCode

    public init(store: NodeStore, home: UnitCode) {
        self.store = store
        self.home = home
    }

    /// The newest entries first, at most `limit`.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` unless `actor` is an admin or the leader (``Action/readAudit``).
    public func entries(limit: Int? = nil, by actor: StaffMember) throws -> [AuditEntry] {
        try requireReader(actor)
        return try AuditLog.entries(in: store, limit: limit)
    }

    /// Recomputes the chain and checks it against every anchor other units hold of this
    /// log — the heads its parent echoed in signed receipts, and (the province's only
    /// anchors) the heads its children relayed up in their bundles — and, with `anchors`, a
    /// file of them brought from the parent. A log truncated, or rewritten and re-chained
    /// so that it is consistent again, no longer matches them. A broken log is a
    /// verification naming its first problem (and who holds the anchor it breaks), not an
    /// error.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` as for ``entries(limit:by:)``; ``ErrorCode/invalidInput``
    /// when the anchors are another unit's.
    public func verify(against anchors: AuditAnchors? = nil, by actor: StaffMember) throws -> AuditVerification {
        try requireReader(actor)
        if let anchors, anchors.unit != home {
            throw ServiceError.invalid("Tệp \(anchors.source) là mốc neo của đơn vị \(anchors.unit), không phải của nút này (\(home)).")
        }
        let held = try store.auditAnchorsHeld(of: home)
        var result = try AuditLog.verify(store, anchors: held.map(\.anchor.head) + (anchors?.heads ?? []))
        result.anchorHolders = Set(held.map(\.heldBy)).sorted()
        if let problem = result.problem, problem.kind == .rechained || problem.kind == .truncated {
            let broken = held.filter { problem.kind == .rechained ? $0.anchor.head.sequence == problem.sequence : $0.anchor.head.sequence >= problem.sequence }
            let holders = Set(broken.map(\.heldBy)).sorted().map(\.rawValue)
            let source = holders.isEmpty ? anchors.map { " Mốc neo lấy từ tệp \($0.source)." } ?? ""
                : " Mốc neo do \(holders.joined(separator: ", ")) giữ, trong gói tin có chữ ký số của đơn vị đó."
            result.problem = AuditProblem(kind: problem.kind, sequence: problem.sequence, message: problem.message + source)
        }
        return result
    }

    /// At a parent: the heads of `child`'s log that arrived in its bundles, for the child to
    /// check its own log against. Only a unit below this node has any.
    ///
    /// #### Errors
    /// ``ErrorCode/forbidden`` as for ``entries(limit:by:)``; ``ErrorCode/invalidInput``
    /// when `child` is not below this node.
    public func anchors(of child: UnitCode, by actor: StaffMember) throws -> [AuditAnchorRecord] {
        try requireReader(actor)
        let topology = try store.topology()
        guard topology.unit(code: child) != nil, topology.ancestors(of: child).contains(where: { $0.code == home }) else {
            throw ServiceError.invalid("Đơn vị \(child) không thuộc cấp dưới của nút \(home).")
        }
        return try store.auditAnchors(of: child)
    }

    private func requireReader(_ actor: StaffMember) throws {
        guard actor.may(.readAudit) else {
            throw ServiceError.forbidden(actor, "xem nhật ký hệ thống", needs: Action.readAudit.roles)
        }
    }
}
