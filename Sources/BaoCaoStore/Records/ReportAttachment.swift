import BaoCaoCore
import Foundation
import GRDB

/// A file attached to a revision's narrative, with its bytes.
public struct ReportAttachment: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "reportAttachment"

    public var id: Int64?
    public var reportId: Int64
    public var name: String
    public var contentType: String
    public var size: Int
    /// Lower-case hex SHA-256 of `data`.
    public var sha256: String
    public var data: Data
    public var addedBy: String
    public var addedAt: Date

    public init(reportId: Int64, name: String, contentType: String, data: Data, sha256: String, addedBy: String, addedAt: Date) {
        self.reportId = reportId
        self.name = name.nfc
        self.contentType = contentType
        self.size = data.count
        self.sha256 = sha256
        self.data = data
        self.addedBy = addedBy
        self.addedAt = addedAt
    }

    /// What `report.json` says of it, as the `position`-th attachment (from 1).
    public func described(at position: Int) -> ReportDocument.Attachment {
        ReportDocument.Attachment(name: name, contentType: contentType, size: size, sha256: sha256, part: ReportDocument.Attachment.part(position))
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension NodeStore {
    /// A revision's attachments, by name, without their bytes unless asked.
    public static func attachments(ofReport id: Int64, withData: Bool = false, in db: Database) throws -> [ReportAttachment] {
        if withData {
            return try ReportAttachment.filter(Column("reportId") == id).order(Column("name")).fetchAll(db)
        }
        return try ReportAttachment.fetchAll(db.cachedStatement(sql: """
            SELECT id, reportId, name, contentType, size, sha256, X'' AS data, addedBy, addedAt
            FROM reportAttachment WHERE reportId = ? ORDER BY name
            """), arguments: [id])
    }

    /// Copies every attachment of one revision to another (a new revision starts from the last).
    public static func copyAttachments(from source: Int64, to target: Int64, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO reportAttachment (reportId, name, contentType, size, sha256, data, addedBy, addedAt)
            SELECT ?, name, contentType, size, sha256, data, addedBy, addedAt FROM reportAttachment WHERE reportId = ?
            """, arguments: [target, source])
    }

    /// Removes a revision's attachment by name; `false` when it has none of that name.
    @discardableResult
    public static func removeAttachment(named name: String, ofReport id: Int64, in db: Database) throws -> Bool {
        try ReportAttachment.filter(Column("reportId") == id && Column("name") == name).deleteAll(db) > 0
    }
}
