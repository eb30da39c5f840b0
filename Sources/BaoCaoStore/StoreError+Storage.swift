import BaoCaoCore
import Foundation
import GRDB

/// A full disk and read-only storage, told apart from every other failure.
///
/// SQLite reports a full disk as `SQLITE_FULL` when it is writing pages, but as
/// `SQLITE_IOERR` ("disk I/O error") or `SQLITE_CANTOPEN` when it cannot even grow its
/// shared-memory file; file writes fail with `ENOSPC` or `EROFS` inside Foundation errors.
/// A person must read one clear sentence in every case: the disk is full (free space and
/// try again) or the storage is read-only (mount it writable and try again). Nothing is
/// lost either way: the transaction that failed is rolled back, and what was committed
/// before stays as it was.
extension StoreError {
    /// The disk holding the node's data is full.
    public static func diskFull(_ path: String?) -> StoreError {
        StoreError(.diskFull,
            message: "Ổ đĩa chứa dữ liệu của nút đã đầy\(path.map { " (\($0))" } ?? ""): không ghi được. Thao tác này chưa được lưu; "
                + "dữ liệu đã lưu trước đó không bị ảnh hưởng. Hãy giải phóng dung lượng ổ đĩa rồi thử lại.",
            log: "disk full\(path.map { " at \($0)" } ?? "")")
    }

    /// The node's data sits on read-only storage (or in a folder it may not write).
    public static func readOnly(_ path: String?) -> StoreError {
        StoreError(.readOnly,
            message: "Ổ đĩa chứa dữ liệu của nút đang ở chế độ chỉ đọc hoặc không có quyền ghi\(path.map { " (\($0))" } ?? ""): không ghi được. "
                + "Dữ liệu đã lưu không bị ảnh hưởng. Hãy gắn lại ổ đĩa ở chế độ ghi được (hoặc cấp quyền ghi) rồi thử lại.",
            log: "read-only storage\(path.map { " at \($0)" } ?? "")")
    }

    /// The same failure without the node's folder in the message, for telling another
    /// node (which has no business knowing where this one keeps its data).
    public var withoutLocation: StoreError {
        let bare: StoreError = code == .diskFull ? .diskFull(nil) : code == .readOnly ? .readOnly(nil) : self
        return StoreError(code, message: bare.message, log: logDescription, file: file, line: line)
    }

    /// The full-disk or read-only error that `error` really is, or nil for any other error.
    ///
    /// `path` is the database or data folder concerned; without it, the data folders of
    /// the databases this process opened are looked at. An I/O error is taken for a full
    /// disk only if the filesystem has (almost) no space left, and for read-only storage
    /// only if it is mounted read-only or refuses writes.
    public static func storageFailure(from error: any Error, at path: String? = nil) -> StoreError? {
        if let error = error as? StoreError {
            return error.code == .diskFull || error.code == .readOnly ? error : nil
        }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return .diskFull(path.map(StorageProbe.folder(of:)) ?? StorageProbe.watched.first)
            case .SQLITE_READONLY: return .readOnly(path.map(StorageProbe.folder(of:)) ?? StorageProbe.watched.first)
            case .SQLITE_IOERR, .SQLITE_CANTOPEN: return StorageProbe.diagnose(path)
            default: return nil
            }
        }
        switch StorageProbe.posixCode(of: error) {
        case ENOSPC?, EDQUOT?: return .diskFull(path.map(StorageProbe.folder(of:)) ?? StorageProbe.watched.first)
        case EROFS?: return .readOnly(path.map(StorageProbe.folder(of:)) ?? StorageProbe.watched.first)
        default: return nil
        }
    }
}
