import BaoCaoCore
import Foundation

/// Bundle bytes, content-addressed beside the database: `bundles/ab/abcdef….bcb`.
///
/// A file is written to a temporary name, flushed to disk, renamed into place and its
/// directory flushed, before the database row that refers to it commits. So a row never
/// points at a missing or half-written file, even after a power cut; at worst an orphan
/// file is left, which the next write of the same bundle simply replaces.
public struct BundleFiles: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Files are named by joining text to the folder's path, without making a `URL` each.
    private var directoryPath: String { directory.path }

    /// The node's bundle folder inside its data directory.
    public init(dataDirectory: String) {
        self.init(directory: URL(fileURLWithPath: dataDirectory).appendingPathComponent("bundles"))
    }

    public func url(for id: String) -> URL {
        URL(fileURLWithPath: path(for: id), isDirectory: false)
    }

    /// `bundles/ab/abcdef….bcb`.
    public func path(for id: String) -> String {
        folderPath(for: id) + "/" + id + ".bcb"
    }

    private func folderPath(for id: String) -> String {
        directoryPath + "/" + id.prefix(2)
    }

    public func contains(_ id: String) -> Bool {
        FileManager.default.fileExists(atPath: path(for: id))
    }

    public func read(_ id: String) throws -> Data {
        do {
            return try Data(contentsOf: url(for: id))
        } catch {
            throw StoreError.missingBundleFile(id)
        }
    }

    /// Writes a bundle durably. Idempotent: the same id always has the same bytes.
    ///
    /// With `flush: false` the file is written and renamed but not flushed: the caller
    /// flushes a whole batch at once with ``flush(_:)`` before committing any of it.
    public func write(_ data: Data, id: String, flush: Bool = true) throws {
        let folder = folderPath(for: id)
        try DurableFile.createFolder(path: folder)
        try DurableFile.write(data, named: id + ".bcb", in: folder, flush: flush)
    }

    /// Writes a bundle this node made and may make again with other bytes under the same id
    /// (a receipt signed twice in the same second by two ingests of one bundle: the same
    /// manifest, another ECDSA signature), keeping the file already there. Returns the bytes
    /// the file holds, which are what the caller must describe in its row.
    public func writeKeepingExisting(_ data: Data, id: String, flush: Bool = true) throws -> Data {
        let folder = folderPath(for: id)
        try DurableFile.createFolder(path: folder)
        return try DurableFile.writeIfAbsent(data, named: id + ".bcb", in: folder, flush: flush)
    }

    /// Flushes the files of bundles written with `flush: false`, and their folders, so a
    /// batch costs one flush of the filesystem rather than one per bundle
    /// (``DurableFile/flush(_:)``). Throws if any of them did not reach the disk.
    public func flush(_ ids: some Sequence<String>) throws {
        try DurableFile.flush(ids.map(url(for:)))
    }

    /// Begins a batch whose files are written with `flush: false` and put on disk together
    /// by one `syncfs` (``BatchFlush``): call it before writing the first of them.
    public func beginBatch() throws -> BatchFlush {
        try BatchFlush(folder: directory)
    }

    /// Puts on disk the files of the bundles `ids`, written since `batch` began, with
    /// everything else written since: one flush for the batch.
    public func finish(_ batch: BatchFlush, _ ids: some Sequence<String>) throws {
        try batch.finish(paths: ids.map { (file: path(for: $0), folder: folderPath(for: $0)) })
    }
}

extension ErrorCode where Domain == StoreDomain {
    public static let missingBundleFile = Self("missingBundleFile")
    public static let writeFailed = Self("writeFailed")
}

extension StoreError {
    static func missingBundleFile(_ id: String) -> StoreError {
        StoreError(.missingBundleFile,
            message: "Thiếu tệp của gói tin \(id.prefix(12))… trong kho gói tin. Hãy phục hồi từ bản sao lưu.",
            log: "bundle file missing for \(id)")
    }

    /// A failed write of `path`: a full disk and read-only storage as such.
    public static func writeFailed(_ path: String, errno code: Int32) -> StoreError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path) }
        if code == EROFS || code == EACCES { return .readOnly(path) }
        return StoreError(.writeFailed, message: "Không ghi được tệp \(path) (lỗi hệ thống \(code)).", log: "write failed \(path): errno \(code)")
    }
}
