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

    /// The node's bundle folder inside its data directory.
    public init(dataDirectory: String) {
        self.init(directory: URL(fileURLWithPath: dataDirectory).appendingPathComponent("bundles"))
    }

    public func url(for id: String) -> URL {
        directory.appendingPathComponent(String(id.prefix(2))).appendingPathComponent(id + ".bcb")
    }

    public func contains(_ id: String) -> Bool {
        FileManager.default.fileExists(atPath: url(for: id).path)
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
    /// flushes a whole batch at once with ``flushAll()`` before committing any of it.
    public func write(_ data: Data, id: String, flush: Bool = true) throws {
        let target = url(for: id)
        let folder = target.deletingLastPathComponent()
        try DurableFile.write(data, to: target, creating: folder, flush: flush)
    }

    /// Flushes everything written so far to disk (`sync(2)`, which on Linux returns once
    /// the data is written), so a batch of files costs one flush rather than one each.
    public func flushAll() throws {
        sync()
    }
}

/// Writing files so that they survive a power cut: temporary file, fsync, rename, fsync
/// of the directory.
public enum DurableFile {
    public static func write(_ data: Data, to target: URL, creating folder: URL? = nil, flush: Bool = true) throws {
        let fileManager = FileManager.default
        do {
            if let folder { try fileManager.createDirectory(at: folder, withIntermediateDirectories: true) }
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
            guard fileManager.createFile(atPath: temporary.path, contents: nil) else { throw StoreError.writeFailed(target.path, errno: errno) }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: data)
                if flush { try handle.synchronize() }
                try handle.close()
            } catch {
                try? handle.close()
                try? fileManager.removeItem(at: temporary)
                throw error
            }
            guard rename(temporary.path, target.path) == 0 else {
                let code = errno
                try? fileManager.removeItem(at: temporary)
                throw StoreError.writeFailed(target.path, errno: code)
            }
            let directory = flush ? open(target.deletingLastPathComponent().path, O_RDONLY) : -1
            if directory >= 0 {
                fsync(directory)
                close(directory)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.writeFailed(target.path, errno: StorageProbe.posixCode(of: error) ?? EIO)
        }
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

    static func writeFailed(_ path: String, errno code: Int32) -> StoreError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path) }
        if code == EROFS || code == EACCES { return .readOnly(path) }
        return StoreError(.writeFailed, message: "Không ghi được tệp \(path) (lỗi hệ thống \(code)).", log: "write failed \(path): errno \(code)")
    }
}
