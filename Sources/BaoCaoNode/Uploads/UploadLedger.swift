import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// The resumable uploads a node holds for its children: their records, and their bytes
/// so far in `<data>/uploads/<id>.part`. Every method runs off the caller's thread
/// (``BlockingWork``); the part file is written through ``UploadPart``.
public struct UploadLedger: Sendable {
    let store: NodeStore
    /// Where the parts live.
    public let directory: URL

    public init(runtime: NodeRuntime) {
        self.store = runtime.store
        self.directory = runtime.files.directory.deletingLastPathComponent().appendingPathComponent("uploads")
    }

    func partURL(_ id: String) -> URL { directory.appendingPathComponent(id + ".part") }

    /// Starts an upload for `owner` within `policy`'s quotas: its record — counted against
    /// the owner's other uploads under way in the same transaction — then an empty part
    /// file, made durable. An upload over a quota is refused before anything is written.
    ///
    /// #### Errors
    /// ``UploadQuotaExceeded`` when the owner already holds as many uploads, or as many
    /// bytes, as the policy allows.
    public func create(owner: String, length: Int, sha256: String, policy: UploadPolicy, at now: Date) async throws -> Upload {
        try await BlockingWork.run { [store, directory] in
            let id = UUID().uuidString.lowercased()
            let record = UploadRecord(id: id, owner: owner, length: length, sha256: sha256, createdAt: now,
                                      expiresAt: now.addingTimeInterval(policy.lifetime))
            var excess: UploadQuotaExceeded?
            let saved = try store.createUpload(record, at: now) { open, bytes in
                if open >= policy.maximumOpenUploads {
                    excess = .openUploads(limit: policy.maximumOpenUploads)
                } else if bytes + length > policy.maximumBytesHeld {
                    excess = .bytes(held: bytes, asked: length, limit: policy.maximumBytesHeld)
                }
                return excess == nil
            }
            guard saved else { throw excess ?? .openUploads(limit: policy.maximumOpenUploads) }
            do {
                try DurableFile.createFolder(directory)
                try DurableFile.write(Data(), to: directory.appendingPathComponent(id + ".part"))
            } catch {
                try? store.deleteUpload(id: id)
                throw error
            }
            return Upload(record)
        }
    }

    /// The upload `id`, if it exists and belongs to `owner`.
    public func upload(id: String, ownedBy owner: String) async throws -> Upload? {
        try await BlockingWork.run { [store] in try store.upload(id: id).flatMap { $0.owner == owner ? Upload($0) : nil } }
    }

    /// Records how far the upload has got, or its answer.
    public func save(_ upload: Upload) async throws {
        try await BlockingWork.run { [store] in
            guard var record = try store.upload(id: upload.id) else { return }
            record.offset = upload.offset
            record.outcome = upload.answer
            try store.save(record)
        }
    }

    /// The complete bundle's bytes, mapped from its part file rather than read into memory:
    /// the bundle code reads the pages it needs as it needs them, so a bundle of hundreds of
    /// megabytes costs the node little more than its page cache.
    public func contents(of upload: Upload) async throws -> Data {
        try await BlockingWork.run { [directory] in
            try Data(contentsOf: directory.appendingPathComponent(upload.id + ".part"), options: .alwaysMapped)
        }
    }

    /// The complete bundle, mapped (``contents(of:)``), with its SHA-256 (hex), worked out
    /// off the caller's thread.
    public func contentsAndDigest(of upload: Upload) async throws -> (data: Data, sha256: String) {
        try await BlockingWork.run { [directory] in
            let data = try Data(contentsOf: directory.appendingPathComponent(upload.id + ".part"), options: .alwaysMapped)
            return (data, SHA256Digest.hex(of: data))
        }
    }

    /// Removes the part file of a completed upload (its record keeps the answer).
    public func discardPart(of upload: Upload) async throws {
        try await BlockingWork.run { [directory] in _ = unlink(directory.appendingPathComponent(upload.id + ".part").path) }
    }

    /// Abandons an upload: its part and its record.
    public func delete(_ upload: Upload) async throws {
        try await BlockingWork.run { [store, directory] in
            _ = unlink(directory.appendingPathComponent(upload.id + ".part").path)
            try store.deleteUpload(id: upload.id)
        }
    }

    /// Removes the uploads past their expiry, with their parts; returns how many.
    @discardableResult
    public func removeExpired(at now: Date) async throws -> Int {
        try await BlockingWork.run { [store, directory] in
            let expired = try store.expiredUploads(at: now)
            for record in expired {
                _ = unlink(directory.appendingPathComponent(record.id + ".part").path)
                try store.deleteUpload(id: record.id)
            }
            return expired.count
        }
    }

    /// Opens the part of `upload` to append from its recorded offset, dropping any bytes
    /// written after it (they were never flushed and recorded).
    public func openPart(of upload: Upload) async throws -> UploadPart {
        try await UploadPart.open(partURL(upload.id), at: upload.offset)
    }
}

extension Upload {
    init(_ record: UploadRecord) {
        self.init(id: record.id, owner: record.owner, length: record.length, offset: record.offset, sha256: record.sha256,
                  createdAt: record.createdAt, expiresAt: record.expiresAt, answer: record.outcome)
    }
}
