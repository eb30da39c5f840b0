import BaoCaoCore
import Foundation
import GRDB

extension NodeStore {
    /// Records an announcement about a regime-period's receiving window.
    public static func recordWindowAnnouncement(_ announcement: WindowAnnouncement, regime: RegimeCode, period: Period, in db: Database) throws {
        var record = WindowAnnouncementRecord(regimeCode: regime, period: period, announcement)
        try record.insert(db)
    }

    /// The announcements about a regime-period's receiving window, in the order recorded.
    public static func windowAnnouncements(regime: RegimeCode, period: Period, in db: Database) throws -> [WindowAnnouncement] {
        try WindowAnnouncementRecord
            .filter(Column("regimeCode") == regime && Column("period") == period)
            .order(Column("recordedAt"), Column("id"))
            .fetchAll(db).map(\.announcement)
    }

    /// What the receiving windows of some periods of a regime change in judging
    /// timeliness: their announcements, by period (periods without any are left out).
    public func receivingTerms(regime: RegimeCode, periods: [Period]) throws -> [Period: ReceivingTerms] {
        guard !periods.isEmpty else { return [:] }
        return try writer.read { db in
            let records = try WindowAnnouncementRecord
                .filter(Column("regimeCode") == regime && periods.contains(Column("period")))
                .order(Column("recordedAt"), Column("id"))
                .fetchAll(db)
            return Dictionary(grouping: records, by: \.period).mapValues { ReceivingTerms(announcements: $0.map(\.announcement)) }
        }
    }
}
