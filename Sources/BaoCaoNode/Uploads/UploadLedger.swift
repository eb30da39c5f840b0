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

    /// Starts an upload: an empty part file, made durable, then its record.
    public func create(owner: String, length: Int, sha256: String, lifetime: TimeInterval, at now: Date) async throws -> Upload {
        try await BlockingWork.run { [store, directory] in
            let id = UUID().uuidString.lowercased()
            try DurableFile.createFolder(directory)
            try DurableFile.write(Data(), to: directory.appendingPathComponent(id + ".part"))
            let record = UploadRecord(id: id, owner: owner, length: length, sha256: sha256, createdAt: now,
                                      expiresAt: now.addingTimeInterval(lifetime))
            try store.save(record)
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

    /// The complete bundle's bytes.
    public func contents(of upload: Upload) async throws -> Data {
        try await BlockingWork.run { [directory] in try Data(contentsOf: directory.appendingPathComponent(upload.id + ".part")) }
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

    /// Removes the uploads past their expiry, with their parts.
    public func removeExpired(at now: Date) async throws {
        try await BlockingWork.run { [store, directory] in
            for record in try store.expiredUploads(at: now) {
                _ = unlink(directory.appendingPathComponent(record.id + ".part").path)
                try store.deleteUpload(id: record.id)
            }
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
