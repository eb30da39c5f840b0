import BaoCaoCore
import Foundation
import GRDB

/// Notices: reminders and window announcements, sent down from here or received from above.
extension NodeStore {
    /// Records a notice received from above; a notice already held is kept once.
    public static func recordNotice(_ document: NoticeDocument, bundleId: String, sender: UnitCode, recipient: BundleRecipient, in db: Database) throws {
        guard try NoticeRecord.filter(NoticeRecord.Columns.bundleId == bundleId).fetchCount(db) == 0 else { return }
        var record = NoticeRecord(bundleId: bundleId, document: document, sender: sender, recipient: recipient)
        try record.insert(db)
    }

    /// The notices addressed to `unit` by others, unread first, newest first within each.
    public static func notices(receivedBy unit: UnitCode, in db: Database) throws -> [NoticeRecord] {
        try NoticeRecord
            .filter(NoticeRecord.Columns.recipient == unit && NoticeRecord.Columns.sender != unit)
            .order(NoticeRecord.Columns.readAt != nil, NoticeRecord.Columns.sentAt.desc, NoticeRecord.Columns.id.desc)
            .fetchAll(db)
    }

    /// Marks notices read at `instant`; one read before keeps its first reading time.
    public static func markNoticesRead(_ ids: [Int64], at instant: Date, in db: Database) throws {
        try NoticeRecord.filter(keys: ids).filter(NoticeRecord.Columns.readAt == nil)
            .updateAll(db, NoticeRecord.Columns.readAt.set(to: instant))
    }
}
