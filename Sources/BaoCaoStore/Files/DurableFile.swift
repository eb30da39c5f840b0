import BaoCaoCore
import Foundation

/// Writing files so that they survive a power cut: a temporary file written in full and
/// `fsync`ed, renamed into place, then the folder `fsync`ed so the new name is on disk
/// too. Every system call's result is checked, and a failure is thrown as a
/// ``StoreError`` naming the file (a full disk and read-only storage as such): an
/// acknowledgement to another node follows only a flush that said it succeeded.
public enum DurableFile {
    /// Writes `data` to `target`. With `flush: false` the file is written and renamed but
    /// nothing is flushed: the caller flushes many files at once with ``flush(_:)``
    /// before relying on any of them.
    public static func write(_ data: Data, to url: URL, creating folder: URL? = nil, flush: Bool = true) throws {
        if let folder { try createFolder(folder) }
        let (target, folder) = (url.path, url.deletingLastPathComponent().path)
        let temporary = folder + "/." + url.lastPathComponent + "." + UUID().uuidString + ".tmp"
        let descriptor = try SystemFile.open(temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600)
        do {
            try SystemFile.writeAll(data, to: descriptor, path: target)
            if flush { try SystemFile.fsync(descriptor, path: target) }
            try SystemFile.close(descriptor, path: target)
        } catch {
            _ = Glibc.close(descriptor)
            _ = unlink(temporary)
            throw error
        }
        try publish(temporary, as: target, in: folder, flush: flush)
    }

    /// Moves a finished temporary file (written by the caller) into place: `fsync` of the
    /// file, rename, `fsync` of the folder. On failure the temporary file is removed.
    public static func publish(_ temporary: URL, as target: URL, flush: Bool = true) throws {
        try publish(temporary.path, as: target.path, in: target.deletingLastPathComponent().path, flush: flush)
    }

    /// The same on paths: `target` is in `folder`.
    static func publish(_ temporary: String, as target: String, in folder: String, flush: Bool) throws {
        do {
            if flush { try SystemFile.fsync(path: temporary) }
            guard rename(temporary, target) == 0 else { throw StoreError.writeFailed(target, errno: errno) }
        } catch {
            _ = unlink(temporary)
            throw error
        }
        if flush { try SystemFile.fsync(path: folder) }
    }

    /// Flushes files written with `flush: false`, and their folders: one `syncfs(2)` of
    /// their filesystem does the work of the whole batch, then each file and each folder
    /// is `fsync`ed (cheap once nothing is dirty) so that a write-back error on any of them
    /// is reported here rather than lost.
    public static func flush(_ files: [URL]) throws {
        guard let first = files.first else { return }
        try SystemFile.syncFilesystem(of: first.deletingLastPathComponent().path)
        var folders: Set<String> = []
        for file in files {
            try SystemFile.fsync(path: file.path)
            folders.insert(file.deletingLastPathComponent().path)
        }
        for folder in folders.sorted() { try SystemFile.fsync(path: folder) }
    }

    /// The same for a folder given by its path; a folder already there costs one `stat`.
    public static func createFolder(path folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue { return }
        try createFolder(URL(fileURLWithPath: folder, isDirectory: true))
    }

    /// Creates a folder and its missing parents, each new one made durable in its parent.
    public static func createFolder(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        try createFolder(folder.deletingLastPathComponent())
        guard mkdir(folder.path, 0o700) == 0 || errno == EEXIST else { throw StoreError.writeFailed(folder.path, errno: errno) }
        try SystemFile.fsync(path: folder.deletingLastPathComponent().path)
    }
}
