import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import GRDB

extension AuditLog {
    /// Appends every bundle that reaches its recipient here (a report, a decision, a notice,
    /// a release) to the audit log, in the bundle's own commit. The node is the actor.
    public static let arrivals = ArrivalRecorder { arrival, db in
        var detail = "\(arrival.kind.rawValue) từ \(arrival.sender)"
        if let regime = arrival.about["regime"], let period = arrival.about["period"] { detail += ", \(regime) kỳ \(period)" }
        if let revision = arrival.about["revision"] { detail += ", lần \(revision)" }
        try append(db, actor: StaffMember.node.login, action: .bundleReceived, object: "bundle:\(arrival.bundleId)", detail: detail, at: arrival.at)
    }
}

extension AuditLog {
    /// Appends one entry in a transaction of its own, for work whose change is not a
    /// database write (files copied to a USB stick).
    public static func append(to store: NodeStore, actor: String, action: AuditAction, object: String?, detail: String?, at instant: Date) throws {
        try store.writer.write { db in _ = try append(db, actor: actor, action: action, object: object, detail: detail, at: instant) }
    }
}
