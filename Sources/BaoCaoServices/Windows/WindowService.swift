import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The receiver's window for a regime-period (seed 002 art. 14.4), opened and closed by
/// the aggregator. Closing freezes a numbered snapshot; reports that arrive afterwards are
/// kept and flagged late. Each change is announced to the expected reporters by a signed
/// notice.
public struct WindowService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// A snapshot as stored.
    public struct Snapshot: Sendable {
        public let number: Int
        public let takenAt: Date
        public let takenBy: String
        public let cause: String
        public let values: [ValueKey: ExactDecimal]
        /// The units whose revisions it counted, with the revision.
        public let reports: [(unit: UnitCode, revision: Int)]
    }

    public func open(regime: RegimeCode, period: Period, by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageWindow, "mở tiếp nhận báo cáo")
        let notices = try announcements(.windowOpened, regime: regime, period: period, by: actor, at: now)
        try work.store.writer.write { db in
            if let window = try ReceivingWindow.fetchOne(db, key: ["regimeCode": regime, "period": period]), window.state == .open {
                throw ServiceError(.illegalTransition, message: "Tiếp nhận báo cáo \(regime) kỳ \(period) đang mở.", log: "window already open")
            }
            try ReceivingWindow(regimeCode: regime, period: period, openedAt: now, openedBy: actor.login).save(db)
            try notices.record(db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("window.open"), object: "window:\(regime)/\(period)", detail: nil, at: now)
        }
    }

    /// Closes the window and freezes a snapshot; returns its number.
    @discardableResult
    public func close(regime: RegimeCode, period: Period, by actor: StaffMember, at now: Date) throws -> Int {
        try require(actor, .manageWindow, "đóng tiếp nhận báo cáo")
        let catalog = try work.catalog()
        let notices = try announcements(.windowClosed, regime: regime, period: period, by: actor, at: now)
        return try work.store.writer.write { db in
            guard var window = try ReceivingWindow.fetchOne(db, key: ["regimeCode": regime, "period": period]), window.state == .open else {
                throw ServiceError(.illegalTransition, message: "Tiếp nhận báo cáo \(regime) kỳ \(period) chưa mở hoặc đã đóng.", log: "window not open")
            }
            window.state = .closed
            window.closedAt = now
            window.closedBy = actor.login
            try window.update(db)
            try notices.record(db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("window.close"), object: "window:\(regime)/\(period)", detail: nil, at: now)
            return try Snapshots.take(regime: regime, period: period, catalog: catalog, home: work.home,
                                      cause: "đóng tiếp nhận", by: actor, at: now, in: db)
        }
    }

    public func window(regime: RegimeCode, period: Period) throws -> ReceivingWindow? {
        try work.store.writer.read { db in try ReceivingWindow.fetchOne(db, key: ["regimeCode": regime, "period": period]) }
    }

    /// Every snapshot of a regime-period, oldest first.
    public func snapshots(regime: RegimeCode, period: Period, by actor: StaffMember) throws -> [Snapshot] {
        try require(actor, .read, "xem số liệu chốt")
        return try work.store.writer.read { db in
            try NodeStore.snapshots(regime: regime, period: period, in: db).map { snapshot in
                Snapshot(number: snapshot.number, takenAt: snapshot.takenAt, takenBy: snapshot.takenBy, cause: snapshot.cause,
                         values: try NodeStore.snapshotValues(regime: regime, period: period, number: snapshot.number, in: db),
                         reports: try NodeStore.snapshotReports(regime: regime, period: period, number: snapshot.number, in: db))
            }
        }
    }

    /// Signed notices to every expected reporter, made before the transaction that records them.
    private func announcements(_ kind: NoticeDocument.Kind, regime regimeCode: RegimeCode, period: Period, by actor: StaffMember,
                               at now: Date) throws -> NoticeBatch {
        let catalog = try work.catalog()
        guard let regime = catalog.regime(code: regimeCode) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo \(regimeCode).", log: "unknown regime \(regimeCode)")
        }
        let text = kind == .windowOpened
            ? "\(work.home) mở tiếp nhận \(regime.name) kỳ \(period)."
            : "\(work.home) đã đóng tiếp nhận \(regime.name) kỳ \(period); báo cáo gửi sau được ghi nhận là nộp muộn."
        let recipients = try regime.expectedReporters(at: work.home, in: work.runtime.topology()).map(\.code)
        return try NoticeBatch.make(work: work, kind: kind, regime: regimeCode, period: period, text: text, to: recipients, by: actor, at: now)
    }
}
