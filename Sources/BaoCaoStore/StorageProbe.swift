import BaoCaoCore
import Foundation

/// Looks at the filesystem under the node's data: read-only, or out of space.
public enum StorageProbe {
    /// Below this many free bytes, an I/O error is a full disk. 1 MiB: SQLite needs more
    /// than that to grow its WAL and shared-memory files for any real transaction.
    static let nearlyFull: UInt64 = 1 << 20

    private static let lock = NSLock()
    /// Guarded by `lock`.
    nonisolated(unsafe) private static var folders: [String] = []

    /// The data folders of the databases this process opened (``NodeStore/open(at:)``).
    static var watched: [String] { lock.withLock { folders } }

    static func watch(_ databasePath: String) {
        let folder = folder(of: databasePath)
        lock.withLock { if !folders.contains(folder) { folders.append(folder) } }
    }

    /// The folder of a database file, or the folder itself.
    static func folder(of path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { return url.path }
        return url.deletingLastPathComponent().path
    }

    /// The storage condition of `path`'s filesystem (or of every watched folder).
    public static func diagnose(_ path: String?) -> StoreError? {
        for folder in path.map({ [folder(of: $0)] }) ?? watched {
            if isReadOnly(folder) { return .readOnly(folder) }
            if let free = freeBytes(folder), free < nearlyFull { return .diskFull(folder) }
        }
        return nil
    }

    /// Whether the folder's filesystem is mounted read-only or refuses writes there.
    public static func isReadOnly(_ folder: String) -> Bool {
        var info = statvfs()
        // ST_RDONLY is 1 on Linux (and MNT_RDONLY on Darwin).
        if statvfs(folder, &info) == 0, info.f_flag & 1 != 0 { return true }
        return access(folder, W_OK) != 0 && (errno == EROFS || errno == EACCES)
    }

    /// Bytes an unprivileged writer may still use on the folder's filesystem.
    public static func freeBytes(_ folder: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    /// The POSIX error code inside a Foundation error, if there is one.
    static func posixCode(of error: any Error) -> Int32? {
        if let error = error as? POSIXError { return error.code.rawValue }
        if let error = error as? CocoaError {
            switch error.code {
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteVolumeReadOnly: return EROFS
            default: break
            }
        }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error { return posixCode(of: underlying) }
        return nil
    }
}
