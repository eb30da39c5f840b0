import BaoCaoCore
import Foundation
import GRDB

/// One announcement about a receiving window (seed 002 art. 14.4) — its opening, an
/// extension (gia hạn) with the document that announced it, its closing — as the
/// receiver recorded it: a row of `windowAnnouncement`. Rows are only ever added; the
/// completeness table and the ranking list those they rest on.
public struct WindowAnnouncementRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "windowAnnouncement"

    public var id: Int64?
    public var regimeCode: RegimeCode
    public var period: Period
    public var kind: WindowAnnouncement.Kind
    public var recordedAt: Date
    public var recordedBy: String
    /// For an extension: until when arrivals count as on time.
    public var extendedUntil: Date?
    public var documentNumber: String?
    public var documentDate: CivilDate?
    public var reason: String?

    public init(regimeCode: RegimeCode, period: Period, _ announcement: WindowAnnouncement) {
        self.regimeCode = regimeCode
        self.period = period
        self.kind = announcement.kind
        self.recordedAt = announcement.at
        self.recordedBy = announcement.by
        self.extendedUntil = announcement.until
        self.documentNumber = announcement.documentNumber
        self.documentDate = announcement.documentDate
        self.reason = announcement.reason
    }

    /// The announcement it records.
    public var announcement: WindowAnnouncement {
        WindowAnnouncement(kind: kind, at: recordedAt, by: recordedBy, until: extendedUntil, documentNumber: documentNumber,
                           documentDate: documentDate, reason: reason)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
