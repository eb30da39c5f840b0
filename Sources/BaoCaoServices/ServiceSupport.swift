import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Who, besides the leader, may approve a section's figures: asked inside the
/// transaction that approves.
public struct SectionAuthority: Sendable {
    public let mayApprove: @Sendable (StaffMember, String, Database) throws -> Bool

    public init(_ mayApprove: @escaping @Sendable (StaffMember, String, Database) throws -> Bool) {
        self.mayApprove = mayApprove
    }

    /// Only the approver role (the leader) approves sections.
    public static let byRoleOnly = SectionAuthority { _, _, _ in false }

    /// The unit's sections: whom the leader delegated a section's figures to (its head
    /// only with a delegation).
    public static let unitSections = SectionAuthority { actor, section, db in
        try SectionService.mayApproveSection(actor, sectionCode: section, in: db)
    }
}

/// Refuses unless the actor's roles allow `action`; `what` says the action in Vietnamese.
func require(_ actor: StaffMember, _ action: Action, _ what: String) throws {
    guard actor.may(action) else {
        let roles = action.roles.sorted().map(\.displayName).joined(separator: ", ")
        throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền \(what) (cần vai trò: \(roles)).",
                           log: "\(actor.login) lacks \(action)")
    }
}

/// Refuses unless the report is in one of `states`.
func expect(_ record: ReportRecord, in states: [ReportState], to what: String) throws {
    guard states.contains(record.state) else {
        var message = "Không thể \(what): báo cáo \(record.regimeCode) kỳ \(record.period) lần \(record.revision) đang ở trạng thái \"\(record.state.displayName)\"."
        if record.state == .returned { message += " Hãy lập lần sửa mới (báo cáo mới cho cùng kỳ)." }
        if record.state == .approved || record.state == .sent || record.state == .accepted { message += " Báo cáo đã duyệt không sửa được." }
        throw ServiceError(.illegalTransition, message: message, log: "report \(record.id ?? 0) is \(record.state), cannot \(what)")
    }
}

/// A reason a person must give (rejecting, returning): trimmed, NFC, not empty.
func requiredReason(_ text: String) throws -> String {
    let reason = text.trimmingCharacters(in: .whitespacesAndNewlines).nfc
    guard !reason.isEmpty else {
        throw ServiceError(.invalidInput, message: "Phải ghi rõ lý do.", log: "empty reason")
    }
    return reason
}

/// Appends to the audit log, in the caller's transaction.
func audit(_ db: Database, _ actor: StaffMember, _ action: String, _ record: ReportRecord, _ detail: String?, _ now: Date) throws {
    try AuditLog.append(db, actor: actor.login, action: AuditAction(action),
                        object: "report:\(record.unitCode)/\(record.regimeCode)/\(record.period)/\(record.revision)", detail: detail, at: now)
}
