import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoZip
import Foundation

/// Backups of a node (seeds 000 art. 19.3, 001 art. 12.1): the database through SQLite's
/// online backup — a consistent snapshot while the node keeps working — and every bundle
/// file that snapshot refers to, in one ZIP file with a `backup.json` description.
///
/// A restore is verified before it replaces anything: the database must open, pass
/// `integrity_check` and belong to the same unit, and every bundle file must be present
/// and hash to its id. The data it replaces is moved aside, never deleted.
public enum NodeBackup {
    public struct Description: Codable, Sendable, Equatable {
        public var unit: UnitCode
        public var createdAt: Date
        public var schemaVersion: Int
        public var bundles: Int
    }

    static let descriptionName = "backup.json"
    static let databaseName = "baocao.sqlite"

    /// Writes a backup of the node to `url` (through a temporary file, then renamed).
    @discardableResult
    public static func write(store: NodeStore, files: BundleFiles, unit: UnitCode, to url: URL, now: Date) throws -> Description {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-backup-\(UUID().uuidString)")
        try DurableFile.createFolder(staging)   // 0700: the snapshot is the whole database
        defer { try? FileManager.default.removeItem(at: staging) }
        let snapshotURL = staging.appendingPathComponent(databaseName)
        let ids = try store.copy(toDatabaseAt: snapshotURL.path)
        let description = Description(unit: unit, createdAt: now, schemaVersion: try store.schemaVersion(), bundles: ids.count)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let archive = try ZipWriter(creatingFileAt: temporary)
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try archive.add(descriptionName, data: try encoder.encode(description))
            try archive.add(databaseName, contentsOf: snapshotURL)
            for id in ids { try archive.add("bundles/\(id.prefix(2))/\(id).bcb", data: try files.read(id)) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        try DurableFile.publish(temporary, as: url)
        return description
    }

    /// Restores a backup into `dataDirectory` after verifying it; the current data is
    /// moved to `<dataDirectory>.before-restore-<time>`. The restored node gets a new
    /// epoch, so its children re-offer what they sent since the backup.
    @discardableResult
    public static func restore(from url: URL, into dataDirectory: String, expectedUnit: UnitCode, now: Date) throws -> Description {
        let target = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        let stamp = String(Int(now.timeIntervalSince1970))
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restore-\(stamp)")
        try? FileManager.default.removeItem(at: staging)
        try DurableFile.createFolder(staging)
        do {
            let description = try unpack(url, into: staging, expectedUnit: expectedUnit)
            let store = try NodeStore.open(at: staging.appendingPathComponent(databaseName).path)
            try verify(store: store, files: BundleFiles(directory: staging.appendingPathComponent("bundles")), expectedUnit: expectedUnit)
            try store.set(.nodeEpoch, to: UUID().uuidString)
            try store.set(.restoredFrom, to: Manifest.formatTime(description.createdAt))
            try store.close()
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

    /// Checks the backup's entries and writes them into `staging`: the database and the
    /// bundle files, nothing else. The file is read through a memory map, each entry
    /// inflated straight to its file, so a large database never sits in memory whole.
    private static func unpack(_ url: URL, into staging: URL, expectedUnit: UnitCode) throws -> Description {
        let file: Data
        do {
            file = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw BackupError.invalid("không đọc được tệp sao lưu")
        }
        return try file.withUnsafeBytes { bytes in
            let directory: ZipDirectory
            do {
                directory = try ZipDirectory(bytes: bytes, maximumEntries: 10_000_000)
            } catch {
                throw BackupError.invalid("không phải tệp sao lưu ZIP hoặc tệp bị hỏng")
            }
            let entries = Dictionary(directory.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            guard entries.count == directory.entries.count else { throw BackupError.invalid("có hai tệp cùng tên") }
            guard let descriptionEntry = entries[descriptionName], entries[databaseName] != nil,
                  let descriptionData = try? descriptionEntry.contents(in: bytes) else {
                throw BackupError.invalid("thiếu \(descriptionName) hoặc \(databaseName)")
            }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            guard let description = try? decoder.decode(Description.self, from: descriptionData) else {
                throw BackupError.invalid("\(descriptionName) không đọc được")
            }
            guard description.unit == expectedUnit else {
                throw BackupError.invalid("bản sao lưu của đơn vị \(description.unit), không phải \(expectedUnit)")
            }
            for entry in directory.entries where entry.name != descriptionName {
                let path = entry.name
                guard entry.isRegularFile, path == databaseName || isBundlePath(path) else { throw BackupError.invalid("tệp lạ \(path)") }
                let destination = staging.appendingPathComponent(path)
                try DurableFile.createFolder(destination.deletingLastPathComponent())
                try extract(entry, from: bytes, to: destination)
            }
            return description
        }
    }

    /// `bundles/ab/<64 hex>.bcb`, and nothing that could climb out of the folder.
    private static func isBundlePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "bundles", parts[2].hasSuffix(".bcb") else { return false }
        let id = parts[2].dropLast(4)
        return id.count == 64 && id.allSatisfy(\.isHexDigit) && parts[1] == id.prefix(2)
    }

    private static func extract(_ entry: ZipDirectory.Entry, from bytes: UnsafeRawBufferPointer, to destination: URL) throws {
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BackupError.invalid("không ghi được \(entry.name) vào thư mục tạm") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        do {
            if entry.method == 0 {
                try handle.write(contentsOf: try entry.contents(in: bytes))
            } else {
                let stored = UnsafeRawBufferPointer(rebasing: bytes[entry.dataOffset..<entry.dataOffset + entry.compressedSize])
                try RawInflate.inflate(stored, size: entry.uncompressedSize) { try handle.write(contentsOf: Data($0)) }
            }
        } catch is RawInflate.Failure {
            throw BackupError.invalid("tệp \(entry.name) trong bản sao lưu bị hỏng")
        }
    }

    private static func verify(store: NodeStore, files: BundleFiles, expectedUnit: UnitCode) throws {
        guard try store.passesIntegrityCheck() else { throw BackupError.invalid("cơ sở dữ liệu trong bản sao lưu bị hỏng") }
        guard try store.value(of: .homeUnit) == expectedUnit.rawValue else { throw BackupError.invalid("cơ sở dữ liệu thuộc đơn vị khác") }
        for id in try store.bundleIds() {
            guard let data = try? files.read(id), let manifest = try? BundleArchive(reading: data).contents(of: Manifest.fileName),
                  SHA256Digest.hex(of: manifest) == id
            else { throw BackupError.invalid("gói tin \(id.prefix(12))… thiếu hoặc không khớp mã") }
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
