import BaoCaoStore
import Foundation

/// A copy of one unit's database taken, with its service stopped, right before an update
/// is installed — the new version's migrations may leave it unreadable by the old binary —
/// checked whole (`integrity_check`) before anything is installed, and put back on a
/// rollback with the owner the database had.
public struct DatabaseSnapshot: Sendable {
    public let databasePath: String
    public let copyPath: String
    /// Who owned the database before: its service's user.
    public let ownership: DatabaseOwnership

    /// Copies the database file (with its write-ahead log, if one was left) and checks the copy.
    ///
    /// #### Errors
    /// ``ErrorCode/updateInstallFailed`` when the copy cannot be made or does not pass.
    public static func take(of databasePath: String, into folder: String, named name: String) throws -> DatabaseSnapshot {
        guard let ownership = DatabaseOwnership(of: databasePath) else {
            throw NodeError.updateStep("đọc cơ sở dữ liệu \(databasePath)", detail: String(cString: strerror(errno)))
        }
        let copyPath = (folder as NSString).appendingPathComponent(name)
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: copyPath + suffix) }
        do {
            try manager.copyItem(atPath: databasePath, toPath: copyPath)
            if manager.fileExists(atPath: databasePath + "-wal") { try manager.copyItem(atPath: databasePath + "-wal", toPath: copyPath + "-wal") }
            // Opening the copy folds its log into it: the copy is then one self-contained file.
            guard try DatabaseFileCopy.settle(copyPath) else { throw NodeError.updateStep("sao lưu \(databasePath)", detail: "bản sao không đạt kiểm tra toàn vẹn") }
            try SystemFile.fsync(path: copyPath)
        } catch let error as NodeError {
            throw error
        } catch {
            throw NodeError.updateStep("sao lưu cơ sở dữ liệu \(databasePath)", detail: "\(error)")
        }
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: copyPath + suffix) }
        return DatabaseSnapshot(databasePath: databasePath, copyPath: copyPath, ownership: ownership)
    }

    /// Puts the copy back in place of the database, its log removed, owned as before.
    public func restore() throws {
        let manager = FileManager.default
        let staged = databasePath + ".khoi-phuc"
        do {
            try? manager.removeItem(atPath: staged)
            try manager.copyItem(atPath: copyPath, toPath: staged)
            try SystemFile.fsync(path: staged)
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: databasePath + suffix) }
            guard rename(staged, databasePath) == 0 else { throw NodeError.updateStep("khôi phục \(databasePath)", detail: String(cString: strerror(errno))) }
            try SystemFile.syncFilesystem(of: (databasePath as NSString).deletingLastPathComponent)
        } catch let error as NodeError {
            throw error
        } catch {
            throw NodeError.updateStep("khôi phục cơ sở dữ liệu \(databasePath)", detail: "\(error)")
        }
        restoreOwnership()
    }

    /// Gives the database and the files SQLite keeps beside it back to the service's user:
    /// a check run as root may have made them.
    public func restoreOwnership() { ownership.restore() }

    /// The user the database belongs to, who runs the unit's service; `nil` for root.
    public var ownerName: String? { ownership.ownerName }
}
