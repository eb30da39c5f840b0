import BaoCaoCore
import CFilesystem
import Foundation

/// One flush to disk for a whole batch of files written without their own `fsync`
/// (``DurableFile/write(_:to:creating:flush:)`` with `flush: false`): begun before the
/// first of them is written, finished by one `syncfs(2)` of their filesystem once the
/// last is in place.
///
/// `syncfs` writes every dirty page and commits the journal, so the files' bytes, their
/// new names and their folders are on disk when it returns. Linux (5.8 and later) records
/// a write-back error on the filesystem as well as on the file, and `syncfs` reports every
/// one recorded since its descriptor was opened: opened before the batch's first write, it
/// cannot miss a failure of any of them. A batch so costs one flush of the disk, not one
/// per file and folder (each `fsync` on ext4 ends in a flush of the disk's cache, even for
/// a file with nothing left to write). A failure may be another file's of the same
/// filesystem: the caller then flushes each bundle on its own (``DurableFile/flush(_:)``,
/// which checks each file), so only a bundle whose own file failed is held back.
public final class BatchFlush {
    private let descriptor: Int32
    private let folder: String

    /// Begins a batch in `folder` (made, durably, if missing), before anything of the
    /// batch is written.
    public init(folder: URL) throws {
        try DurableFile.createFolder(folder)
        self.folder = folder.path
        descriptor = try SystemFile.open(folder.path, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit { _ = Glibc.close(descriptor) }

    /// Puts on disk everything written since the batch began, `files` among it. Throws if
    /// any write-back failed since then (or, under the durability tests'
    /// `BAOCAO_FAIL_FSYNC`, if one of `files` or their folders is the path made to fail).
    public func finish(_ files: [URL]) throws {
        try finish(paths: files.map { (file: $0.path, folder: $0.deletingLastPathComponent().path) })
    }

    /// The same for files given by their paths and their folders'.
    public func finish(paths files: [(file: String, folder: String)]) throws {
        for (file, folder) in files {
            for path in [file, folder] where FsyncFault.strikes(path) {
                throw StoreError.writeFailed(path, errno: EIO)
            }
        }
        if baocao_syncfs(descriptor) != 0 { throw StoreError.writeFailed(folder, errno: errno) }
    }
}
