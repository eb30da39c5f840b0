import BaoCaoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ErrorCode where Domain == BundleDomain {
    /// A private key file is already there: it is never overwritten.
    public static let keyFileExists = Self("keyFileExists")
    /// A private key file could not be written.
    public static let keyFileNotWritten = Self("keyFileNotWritten")
}

/// A private key's file: created new, readable and writable by its owner only from its
/// first byte (`O_CREAT|O_EXCL`, mode 0600 — never created wider and narrowed after, so no
/// other account can open it in between), written in full and flushed. An existing file
/// is never overwritten.
public enum SecretFile {
    public static func create(_ data: Data, at url: URL) throws {
        let path = url.path
        var descriptor: Int32
        repeat { descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw BundleError(.keyFileExists, message: "Tệp \(path) đã tồn tại; không ghi đè khóa bí mật. Hãy chọn tệp khác hoặc xóa tệp cũ.",
                                  log: "key file exists: \(path)")
            }
            throw failure(path, errno)
        }
        do {
            try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < bytes.count {
                    let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw failure(path, errno)
                    }
                    offset += written
                }
            }
            while fsync(descriptor) != 0 { if errno != EINTR { throw failure(path, errno) } }
            guard close(descriptor) == 0 else { descriptor = -1; throw failure(path, errno) }
        } catch {
            if descriptor >= 0 { _ = close(descriptor) }
            _ = unlink(path)
            throw error
        }
    }

    /// Creates a folder and its missing parents, each new one mode 0700 from its creation.
    public static func createFolder(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        try createFolder(url.deletingLastPathComponent())
        guard mkdir(url.path, 0o700) == 0 || errno == EEXIST else { throw failure(url.path, errno) }
    }

    private static func failure(_ path: String, _ code: Int32) -> BundleError {
        let reason = switch code {
        case EACCES, EPERM: "không có quyền ghi"
        case ENOSPC, EDQUOT: "đĩa đã đầy"
        case EROFS: "ổ đĩa chỉ cho đọc"
        case ENOENT, ENOTDIR: "thư mục chứa tệp không tồn tại"
        default: "lỗi hệ thống số \(code)"
        }
        return BundleError(.keyFileNotWritten, message: "Không ghi được tệp khóa bí mật \(path): \(reason).",
                           log: "cannot write key file \(path): \(String(cString: strerror(code)))")
    }
}
