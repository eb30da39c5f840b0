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
    public static func write(_ data: Data, to target: URL, creating folder: URL? = nil, flush: Bool = true) throws {
        if let folder { try createFolder(folder) }
        try write(data, named: target.lastPathComponent, in: target.deletingLastPathComponent().path, flush: flush)
    }

    /// The same for the file `name` in the existing folder `folder`, on paths: no `URL` is
    /// made, as a province writes thousands of bundle files at the deadline and building
    /// URLs cost more than the system calls.
    public static func write(_ data: Data, named name: String, in folder: String, flush: Bool = true) throws {
        let target = folder + "/" + name
        let temporary = folder + "/." + name + "." + UUID().uuidString + ".tmp"
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

    /// Writes `data` as `target` unless a file is already there, atomically either way:
    /// the file is linked into place (`link(2)` never replaces), so of two writers of the
    /// same name exactly one puts its bytes there. Returns the bytes the file holds: `data`,
    /// or the bytes another writer put there first.
    public static func writeIfAbsent(_ data: Data, to target: URL, creating folder: URL? = nil, flush: Bool = true) throws -> Data {
        if let folder { try createFolder(folder) }
        return try writeIfAbsent(data, named: target.lastPathComponent, in: target.deletingLastPathComponent().path, flush: flush)
    }

    /// The same for the file `name` in the existing folder `folder`, on paths.
    public static func writeIfAbsent(_ data: Data, named name: String, in folder: String, flush: Bool = true) throws -> Data {
        let target = folder + "/" + name
        let temporary = folder + "/." + name + "." + UUID().uuidString + ".tmp"
        let descriptor = try SystemFile.open(temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600)
        defer { _ = unlink(temporary) }
        do {
            try SystemFile.writeAll(data, to: descriptor, path: target)
            if flush { try SystemFile.fsync(descriptor, path: target) }
            try SystemFile.close(descriptor, path: target)
        } catch {
            _ = Glibc.close(descriptor)
            throw error
        }
        guard link(temporary, target) == 0 else {
            guard errno == EEXIST else { throw StoreError.writeFailed(target, errno: errno) }
            do {
                return try Data(contentsOf: URL(fileURLWithPath: target))
            } catch {
                throw StoreError.writeFailed(target, errno: EIO)
            }
        }
        if flush { try SystemFile.fsync(path: folder) }
        return data
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
