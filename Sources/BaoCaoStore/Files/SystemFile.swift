import BaoCaoCore
import CFilesystem
import Foundation

/// The few POSIX calls durable writing needs, each checked: a failure throws a
/// ``StoreError`` for the path concerned (``StoreError/writeFailed(_:errno:)`` tells a
/// full disk and read-only storage apart). `EINTR` is retried.
public enum SystemFile {
    public static func open(_ path: String, flags: Int32, mode: mode_t = 0) throws -> Int32 {
        while true {
            let descriptor = Glibc.open(path, flags, mode)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw StoreError.writeFailed(path, errno: errno) }
        }
    }

    /// Creates an empty file at `path` readable and writable by its owner only (mode
    /// 0600, from its creation), unless a file is already there. SQLite, opening such a
    /// file as a new database, gives its `-wal` and `-shm` files the same mode.
    public static func createPrivate(_ path: String) throws {
        while true {
            let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return try close(descriptor, path: path) }
            if errno == EEXIST { return }
            if errno != EINTR { throw StoreError.writeFailed(path, errno: errno) }
        }
    }

    public static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.writeFailed(path, errno: errno)
                }
                offset += written
            }
        }
    }

    public static func fsync(_ descriptor: Int32, path: String) throws {
        if FsyncFault.strikes(path) { throw StoreError.writeFailed(path, errno: EIO) }
        while Glibc.fsync(descriptor) != 0 {
            if errno != EINTR { throw StoreError.writeFailed(path, errno: errno) }
        }
    }

    /// `fsync` of a file or folder by its path.
    public static func fsync(path: String) throws {
        let descriptor = try open(path, flags: O_RDONLY | O_CLOEXEC)
        defer { _ = Glibc.close(descriptor) }
        try fsync(descriptor, path: path)
    }

    public static func close(_ descriptor: Int32, path: String) throws {
        // Linux releases the descriptor even when close fails: never retry it.
        if Glibc.close(descriptor) != 0, errno != EINTR { throw StoreError.writeFailed(path, errno: errno) }
    }

    /// Cuts a file to `size` bytes.
    public static func truncate(_ descriptor: Int32, to size: Int, path: String) throws {
        while ftruncate(descriptor, off_t(size)) != 0 {
            if errno != EINTR { throw StoreError.writeFailed(path, errno: errno) }
        }
    }

    /// `syncfs(2)`: everything written to the filesystem holding `folder`, and only that
    /// filesystem, reaches the disk; write-back errors on it are reported (Linux 5.8 and later).
    public static func syncFilesystem(of folder: String) throws {
        let descriptor = try open(folder, flags: O_RDONLY | O_CLOEXEC)
        defer { _ = Glibc.close(descriptor) }
        if baocao_syncfs(descriptor) != 0 { throw StoreError.writeFailed(folder, errno: errno) }
    }
}
