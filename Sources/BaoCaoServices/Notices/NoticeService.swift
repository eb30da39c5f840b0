import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// Reminders (đôn đốc) sent down to units that are late or missing, and the notices a
/// node received from above, unread first.
public struct NoticeService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// The expected reporters of a regime-period that have nothing received or accepted yet.
    public func missing(regime regimeCode: RegimeCode, period: Period) throws -> [UnitCode] {
        guard let regime = try work.catalog().regime(code: regimeCode) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo \(regimeCode).", log: "unknown regime \(regimeCode)")
        }
        let expected = try regime.expectedReporters(at: work.home, in: work.runtime.topology()).map(\.code)
        let arrived = try work.store.writer.read { db in
            try NodeStore.reportingUnits(regime: regimeCode, period: period, states: [.received, .accepted], in: db)
        }
        return expected.filter { !arrived.contains($0) }
    }

    /// Sends a reminder to `units`, or to every unit still missing when none are named.
    /// Returns the units reminded.
    @discardableResult
    public func remind(regime: RegimeCode, period: Period, units: [UnitCode] = [], text: String? = nil, by actor: StaffMember, at now: Date) throws -> [UnitCode] {
        try require(actor, .sendNotice, "gửi đôn đốc")
        let recipients = units.isEmpty ? try missing(regime: regime, period: period) : units
        guard !recipients.isEmpty else { return [] }
        let name = try work.catalog().regime(code: regime)?.name ?? regime.rawValue
        let message = text?.nfc ?? "Đề nghị đơn vị gửi \(name) kỳ \(period) đúng thời hạn."
        let batch = try NoticeBatch.make(work: work, kind: .reminder, regime: regime, period: period, text: message, to: recipients, by: actor, at: now)
        try work.store.writer.write { db in
            try batch.record(db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("notice.remind"), object: "regime:\(regime)/\(period)",
                                detail: recipients.map(\.rawValue).joined(separator: ","), at: now)
        }
        return recipients
    }

    /// Notices received here, unread first, newest first within each.
    public func received(by actor: StaffMember) throws -> [NoticeRecord] {
        try require(actor, .read, "xem thông báo")
        return try work.store.writer.read { db in try NodeStore.notices(receivedBy: work.home, in: db) }
    }

    /// Marks the notices received here as read.
    public func markRead(_ ids: [Int64], by actor: StaffMember, at now: Date) throws {
        try require(actor, .read, "xem thông báo")
        try work.store.writer.write { db in try NodeStore.markNoticesRead(ids, at: now, in: db) }
    }
}
