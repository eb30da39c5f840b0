import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The receiver's window for a regime-period (seed 002 art. 14.4), opened, extended (gia
/// hạn, with the document announcing it) and closed by the aggregator. An arrival inside
/// an extension is on time; closing freezes a numbered snapshot, and reports that arrive
/// afterwards are kept, shown and counted late. Each change is recorded as an announcement
/// (the completeness table and the ranking list those they rest on) and announced to the
/// expected reporters by a signed notice.
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
            try NodeStore.recordWindowAnnouncement(WindowAnnouncement(kind: .opened, at: now, by: actor.login), regime: regime, period: period, in: db)
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
            try NodeStore.recordWindowAnnouncement(WindowAnnouncement(kind: .closed, at: now, by: actor.login), regime: regime, period: period, in: db)
            try notices.record(db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("window.close"), object: "window:\(regime)/\(period)", detail: nil, at: now)
            return try Snapshots.take(regime: regime, period: period, catalog: catalog, home: work.home,
                                      cause: "đóng tiếp nhận", by: actor, at: now, in: db)
        }
    }

    /// The document announcing an extension: its number, date and reason, all required.
    public struct ExtensionDocument: Sendable, Hashable {
        public let number: String
        public let date: CivilDate
        public let reason: String

        public init(number: String, date: CivilDate, reason: String) {
            self.number = number
            self.date = date
            self.reason = reason
        }
    }

    /// Extends the window to `until` (gia hạn), as the document announces: a report arriving
    /// before then is on time, whatever its deadline. The window must not be closed; a
    /// later extension replaces an earlier one's end, both stay listed.
    public func extend(regime: RegimeCode, period: Period, until: Date, document: ExtensionDocument, by actor: StaffMember, at now: Date) throws {
        try require(actor, .manageWindow, "gia hạn tiếp nhận báo cáo")
        let number = document.number.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !number.isEmpty else {
            throw ServiceError(.invalidInput, message: "Phải ghi số văn bản thông báo gia hạn.", log: "extension without document number")
        }
        let reason = try requiredReason(document.reason)
        guard until > now else {
            throw ServiceError(.invalidInput, message: "Thời điểm gia hạn đến \(VietnamTime.displayText(until)) đã qua.",
                               log: "extension until \(until) not after \(now)")
        }
        guard document.date <= VietnamTime.civilDate(at: now) else {
            throw ServiceError(.invalidInput, message: "Ngày của văn bản gia hạn \(document.date.vietnameseText) chưa đến.",
                               log: "extension document dated in the future")
        }
        let announcement = WindowAnnouncement(kind: .extended, at: now, by: actor.login, until: until, documentNumber: number,
                                              documentDate: document.date, reason: reason)
        let notices = try announcements(.windowExtended, regime: regime, period: period, by: actor, at: now, until: until,
                                        document: "văn bản số \(number) ngày \(document.date.vietnameseText): \(reason)")
        try work.store.writer.write { db in
            if let window = try ReceivingWindow.fetchOne(db, key: ["regimeCode": regime, "period": period]), window.state == .closed {
                throw ServiceError(.illegalTransition, message: "Tiếp nhận báo cáo \(regime) kỳ \(period) đã đóng; mở lại trước khi gia hạn.",
                                   log: "extending a closed window")
            }
            try NodeStore.recordWindowAnnouncement(announcement, regime: regime, period: period, in: db)
            try notices.record(db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("window.extend"), object: "window:\(regime)/\(period)",
                                detail: announcement.vietnameseText, at: now)
        }
    }

    /// The announcements about a regime-period's window (opening, extensions, closing), in order.
    public func announcements(regime: RegimeCode, period: Period, by actor: StaffMember) throws -> [WindowAnnouncement] {
        try require(actor, .read, "xem thông báo tiếp nhận báo cáo")
        return try work.store.writer.read { db in try NodeStore.windowAnnouncements(regime: regime, period: period, in: db) }
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
                               at now: Date, until: Date? = nil, document: String? = nil) throws -> NoticeBatch {
        let catalog = try work.catalog()
        guard let regime = catalog.regime(code: regimeCode) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo \(regimeCode).", log: "unknown regime \(regimeCode)")
        }
        let text = switch kind {
        case .windowOpened: "\(work.home) mở tiếp nhận \(regime.name) kỳ \(period)."
        case .windowExtended:
            "\(work.home) gia hạn tiếp nhận \(regime.name) kỳ \(period) đến \(until.map(VietnamTime.displayText) ?? "")"
                + " (\(document ?? "")); báo cáo đến trước thời điểm này được tính là đúng hạn."
        default: "\(work.home) đã đóng tiếp nhận \(regime.name) kỳ \(period); báo cáo gửi sau được ghi nhận là nộp muộn."
        }
        let recipients = try regime.expectedReporters(at: work.home, in: work.runtime.topology()).map(\.code)
        return try NoticeBatch.make(work: work, kind: kind, regime: regimeCode, period: period, text: text, to: recipients, by: actor, at: now)
    }
}
