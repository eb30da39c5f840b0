import BaoCaoStore
import Foundation

/// Where the items of the parent's feed are written as they stream in, one file each
/// (`<data>/feed-spool/`), so that a page — or one large bundle — is never held whole in
/// memory: each file is then mapped (``FeedSpoolFile/finish()``) and ingested, and removed.
public struct FeedSpool: Sendable {
    public let directory: URL

    public init(runtime: NodeRuntime) {
        directory = runtime.files.directory.deletingLastPathComponent().appendingPathComponent("feed-spool")
    }

    /// A new, empty file for one item.
    public func newFile() async throws -> FeedSpoolFile {
        try await BlockingWork.run { [directory] in
            try DurableFile.createFolder(directory)
            let url = directory.appendingPathComponent(UUID().uuidString.lowercased() + ".item")
            let descriptor = try SystemFile.open(url.path, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600)
            return FeedSpoolFile(descriptor: descriptor, url: url)
        }
    }

    /// Removes every file left (a round cut off, a node stopped mid-page).
    public func clear() async {
        try? await BlockingWork.run { [directory] in
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
                _ = unlink(directory.appendingPathComponent(name).path)
            }
        }
    }
}

/// One item of the parent's feed being written to the spool. Not shared between tasks.
public final class FeedSpoolFile: @unchecked Sendable {
    private var descriptor: Int32
    public let url: URL

    init(descriptor: Int32, url: URL) {
        self.descriptor = descriptor
        self.url = url
    }

    /// Appends `data`.
    public func append(_ data: Data) async throws {
        try await BlockingWork.run { [descriptor, url] in try SystemFile.writeAll(data, to: descriptor, path: url.path) }
    }

    /// Closes the file and maps it: the bytes are read from the disk as they are used.
    public func finish() async throws -> Data {
        let descriptor = self.descriptor
        self.descriptor = -1
        return try await BlockingWork.run { [url] in
            try SystemFile.close(descriptor, path: url.path)
            return try Data(contentsOf: url, options: .alwaysMapped)
        }
    }

    /// Removes the file.
    public func discard() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
        _ = unlink(url.path)
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }
}
