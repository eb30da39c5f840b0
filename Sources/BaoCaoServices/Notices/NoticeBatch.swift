import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Notices signed and ready to record: one bundle per recipient, queued down.
struct NoticeBatch {
    var items: [(bundle: StoredBundle, deliveries: [Delivery], record: NoticeRecord)] = []

    static func make(work: NodeWork, kind: NoticeDocument.Kind, regime: RegimeCode?, period: Period?, text: String, to recipients: [UnitCode],
                     by actor: StaffMember, at now: Date) throws -> NoticeBatch {
        var batch = NoticeBatch()
        let document = NoticeDocument(kind: kind, regime: regime, period: period, text: text, sentBy: actor.login, sentAt: now)
        for recipient in recipients {
            var about = ["notice": kind.rawValue]
            if let regime { about["regime"] = regime.rawValue }
            if let period { about["period"] = period.id }
            let made = try work.makeBundle(kind: .notice, recipient: .unit(recipient),
                                           parts: [BundleWriter.Part(path: NoticeDocument.partPath, data: try document.encoded())],
                                           about: about, at: now, queue: true)
            batch.items.append((made.bundle, made.deliveries, NoticeRecord(bundleId: made.id, document: document, sender: work.home, recipient: .unit(recipient))))
        }
        return batch
    }

    func record(_ db: Database) throws {
        for (bundle, deliveries, notice) in items {
            try bundle.insert(db)
            for delivery in deliveries { try delivery.insert(db) }
            var notice = notice
            try notice.insert(db)
        }
    }
}
