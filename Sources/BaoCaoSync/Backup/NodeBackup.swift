import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import ZIPFoundation

/// Backups of a node (seeds 000 art. 19.3, 001 art. 12.1): the database through SQLite's
/// online backup — a consistent snapshot while the node keeps working — and every bundle
/// file that snapshot refers to, in one ZIP file with a `backup.json` description.
///
/// A restore is verified before it replaces anything: the database must open, pass
/// `integrity_check` and belong to the same unit, and every bundle file must be present
/// and hash to its id. The data it replaces is moved aside, never deleted.
public enum NodeBackup {
    public struct Description: Codable, Sendable, Equatable {
        public var unit: String
        public var createdAt: Date
        public var schemaVersion: Int
        public var bundles: Int
    }

    static let descriptionName = "backup.json"
    static let databaseName = "baocao.sqlite"

    /// Writes a backup of the node to `url` (through a temporary file, then renamed).
    @discardableResult
    public static func write(store: NodeStore, files: BundleFiles, unit: String, to url: URL, now: Date) throws -> Description {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        let snapshotURL = staging.appendingPathComponent(databaseName)
        let ids: [String]
        do {
            let snapshot = try DatabaseQueue(path: snapshotURL.path)
            try store.writer.backup(to: snapshot)
            ids = try snapshot.read { try String.fetchAll($0, sql: "SELECT id FROM bundle ORDER BY id") }
            try snapshot.close()
        }
        let description = Description(unit: unit, createdAt: now, schemaVersion: try store.schemaVersion(), bundles: ids.count)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try add(archive, descriptionName, try encoder.encode(description))
            try archive.addEntry(with: databaseName, fileURL: snapshotURL, compressionMethod: .deflate)
            for id in ids {
                try add(archive, "bundles/\(id.prefix(2))/\(id).bcb", try files.read(id))
            }
        }
        try DurableFile.write(Data(contentsOf: temporary), to: url)
        try? FileManager.default.removeItem(at: temporary)
        return description
    }

    /// Restores a backup into `dataDirectory` after verifying it; the current data is
    /// moved to `<dataDirectory>.before-restore-<time>`. The restored node gets a new
    /// epoch, so its children re-offer what they sent since the backup.
    @discardableResult
    public static func restore(from url: URL, into dataDirectory: String, expectedUnit: String, now: Date) throws -> Description {
        let target = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        let stamp = String(Int(now.timeIntervalSince1970))
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restore-\(stamp)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let description = try unpack(url, into: staging, expectedUnit: expectedUnit)
            let store = try NodeStore.open(at: staging.appendingPathComponent(databaseName).path)
            try verify(store: store, files: BundleFiles(directory: staging.appendingPathComponent("bundles")), expectedUnit: expectedUnit)
            try store.set(.nodeEpoch, to: UUID().uuidString)
            try store.set(.restoredFrom, to: Manifest.formatTime(description.createdAt))
            try (store.writer as? DatabasePool)?.close()
            if FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.moveItem(at: target, to: target.deletingLastPathComponent()
                    .appendingPathComponent("\(target.lastPathComponent).before-restore-\(stamp)"))
            }
            try FileManager.default.moveItem(at: staging, to: target)
            return description
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    private static func unpack(_ url: URL, into staging: URL, expectedUnit: String) throws -> Description {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw BackupError.invalid("không phải tệp sao lưu ZIP hoặc tệp bị hỏng")
        }
        guard let descriptionEntry = archive[descriptionName], archive[databaseName] != nil else {
            throw BackupError.invalid("thiếu \(descriptionName) hoặc \(databaseName)")
        }
        var descriptionData = Data()
        _ = try archive.extract(descriptionEntry) { descriptionData.append($0) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let description = try? decoder.decode(Description.self, from: descriptionData) else {
            throw BackupError.invalid("\(descriptionName) không đọc được")
        }
        guard description.unit == expectedUnit else {
            throw BackupError.invalid("bản sao lưu của đơn vị \(description.unit), không phải \(expectedUnit)")
        }
        for entry in archive where entry.type == .file {
            let path = entry.path
            guard path == databaseName || path == descriptionName
                    || (path.hasPrefix("bundles/") && path.hasSuffix(".bcb") && !path.contains("..")) else {
                throw BackupError.invalid("tệp lạ \(path)")
            }
            if path == descriptionName { continue }
            let destination = staging.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = try archive.extract(entry, to: destination)
        }
        return description
    }

    private static func verify(store: NodeStore, files: BundleFiles, expectedUnit: String) throws {
        let check = try store.writer.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        guard check == ["ok"] else { throw BackupError.invalid("cơ sở dữ liệu trong bản sao lưu bị hỏng") }
        guard try store.value(of: .homeUnit) == expectedUnit else { throw BackupError.invalid("cơ sở dữ liệu thuộc đơn vị khác") }
        let ids = try store.writer.read { try String.fetchAll($0, sql: "SELECT id FROM bundle") }
        for id in ids {
            guard let data = try? files.read(id), let manifest = try? BundleArchive(reading: data).entries[Manifest.fileName],
                  SHA256Digest.hex(of: manifest) == id
            else { throw BackupError.invalid("gói tin \(id.prefix(12))… thiếu hoặc không khớp mã") }
        }
    }

    private static func add(_ archive: Archive, _ path: String, _ data: Data) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// Why a backup could not be restored.
public struct BackupError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    static func invalid(_ reason: String) -> BackupError {
        BackupError(message: "Bản sao lưu không dùng được: \(reason). Dữ liệu hiện tại được giữ nguyên.")
    }
}

extension NodeSetting {
    /// This node's epoch: a new one after every restore, so neighbours know to resynchronize.
    public static let nodeEpoch = NodeSetting("nodeEpoch")
    /// When the backup this node was last restored from was made.
    public static let restoredFrom = NodeSetting("restoredFrom")
    /// The parent's epoch as last seen.
    public static let parentEpoch = NodeSetting("parentEpoch")
}
