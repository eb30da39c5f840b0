import Foundation
import GRDB

/// A resumable upload under way (tus 1.0), bound to the certificate that created it.
public struct UploadRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "upload"

    public var id: String
    /// The SHA-256 fingerprint of the client certificate that created it.
    public var owner: String
    public var length: Int
    /// Bytes received and flushed to disk.
    public var offset: Int
    /// The SHA-256 the creator declared for the whole bundle, hex.
    public var sha256: String
    public var createdAt: Date
    public var expiresAt: Date
    /// Once complete: `accepted`, `duplicate` or `rejected: reason`.
    public var outcome: String?

    public init(id: String, owner: String, length: Int, sha256: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.owner = owner
        self.length = length
        self.offset = 0
        self.sha256 = sha256
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

extension NodeStore {
    public func upload(id: String) throws -> UploadRecord? {
        try writer.read { try UploadRecord.fetchOne($0, key: id) }
    }

    /// Saves a new upload if `admit`, told what its owner's uploads under way (not
    /// complete, not expired at `instant`) already hold — how many, and the bytes they
    /// declared — lets it in; the count, the check and the insert are one transaction, so
    /// two requests at once cannot both slip under a quota. Returns whether it was saved.
    public func createUpload(_ upload: UploadRecord, at instant: Date, admit: (_ open: Int, _ bytes: Int) -> Bool) throws -> Bool {
        try writer.write { db in
            let open = UploadRecord.filter(Column("owner") == upload.owner && Column("outcome") == nil && Column("expiresAt") > instant)
            let count = try open.fetchCount(db)
            let bytes = try open.select(sum(Column("length")), as: Int.self).fetchOne(db) ?? 0
            guard admit(count, bytes) else { return false }
            try upload.insert(db)
            return true
        }
    }

    public func save(_ upload: UploadRecord) throws {
        try writer.write { try upload.save($0) }
    }

    public func deleteUpload(id: String) throws {
        try writer.write { _ = try UploadRecord.deleteOne($0, key: id) }
    }

    /// Uploads past their expiry, to be removed with their files.
    public func expiredUploads(at instant: Date) throws -> [UploadRecord] {
        try writer.read { try UploadRecord.filter(Column("expiresAt") < instant && Column("outcome") == nil).fetchAll($0) }
    }
}
