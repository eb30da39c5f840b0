import BaoCaoStore
import Foundation

/// The part file of one upload, open for appending. Every write and flush runs off the
/// caller's thread (``BlockingWork``) and is checked: an offset is recorded only after a
/// flush that succeeded.
public final class UploadPart: Sendable {
    private let descriptor: Int32
    private let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    static func open(_ url: URL, at offset: Int) async throws -> UploadPart {
        try await BlockingWork.run {
            let descriptor = try SystemFile.open(url.path, flags: O_WRONLY | O_CLOEXEC)
            do {
                try SystemFile.truncate(descriptor, to: offset, path: url.path)
                guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else { throw StoreError.writeFailed(url.path, errno: errno) }
            } catch {
                _ = Glibc.close(descriptor)
                throw error
            }
            return UploadPart(descriptor: descriptor, path: url.path)
        }
    }

    /// Appends `data`.
    public func append(_ data: Data) async throws {
        try await BlockingWork.run { [descriptor, path] in try SystemFile.writeAll(data, to: descriptor, path: path) }
    }

    /// Flushes what was appended to the disk.
    public func flush() async throws {
        try await BlockingWork.run { [descriptor, path] in try SystemFile.fsync(descriptor, path: path) }
    }

    /// Cuts the file back to `offset` (what was recorded), dropping what came after.
    public func truncate(to offset: Int) async throws {
        try await BlockingWork.run { [descriptor, path] in
            try SystemFile.truncate(descriptor, to: offset, path: path)
            guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else { throw StoreError.writeFailed(path, errno: errno) }
        }
    }

    deinit {
        _ = Glibc.close(descriptor)
    }
}
