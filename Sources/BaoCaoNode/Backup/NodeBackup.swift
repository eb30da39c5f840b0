import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoZip
import Foundation

/// Backups of a node (seeds 000 art. 19.3, 001 art. 12.1): the database through SQLite's
/// online backup — a consistent snapshot while the node keeps working — and the bytes of
/// every bundle that snapshot refers to, one entry each (`bundles/ab/<id>.bcb`), in one ZIP
/// file with a `backup.json` description. A restore moves them into the node's bundle pack
/// (``BundleFiles/packLooseFiles()``).
///
/// A backup is signed: `backup.json` lists the SHA-256 of every other entry, and
/// `backup.p7s` is a detached CMS signature over its exact bytes by the node's signing key
/// (the signing code bundles use).
///
/// A restore is verified before it touches anything: the signature and its signer (a
/// signer registered for this unit, chaining to the anchors this node trusts, not
/// revoked — ``BackupSignerCheck``), every entry's hash, then the database must open,
/// pass `integrity_check` and belong to the same unit, and every bundle file must be
/// present and hash to its id. A tampered, unsigned or foreign-signed backup is refused.
/// The data it replaces is moved aside, never deleted.
public enum NodeBackup {
    public struct Description: Codable, Sendable, Equatable {
        public var unit: UnitCode
        public var createdAt: Date
        public var schemaVersion: Int
        public var bundles: Int
        /// The SHA-256 (hex) of every other entry of the backup, by name: what the signature covers.
        public var entries: [String: String]?
    }

    static let descriptionName = "backup.json"
    public static let signatureName = "backup.p7s"
    static let databaseName = "baocao.sqlite"

    /// Writes a backup of the node to `url` (through a temporary file, then renamed), signed
    /// by `identity` — the node's signing key.
    @discardableResult
    public static func write(store: NodeStore, files: BundleFiles, unit: UnitCode, signedBy identity: SigningIdentity, to url: URL,
                             now: Date) throws -> Description {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-backup-\(UUID().uuidString)")
        try DurableFile.createFolder(staging)   // 0700: the snapshot is the whole database
        defer { try? FileManager.default.removeItem(at: staging) }
        let snapshotURL = staging.appendingPathComponent(databaseName)
        let ids = try store.copy(toDatabaseAt: snapshotURL.path)
        var description = Description(unit: unit, createdAt: now, schemaVersion: try store.schemaVersion(), bundles: ids.count)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let archive = try ZipWriter(creatingFileAt: temporary)
            var digests = [databaseName: SHA256Digest.hex(of: try Data(contentsOf: snapshotURL, options: .alwaysMapped))]
            try archive.add(databaseName, contentsOf: snapshotURL)
            for id in ids {
                let name = "bundles/\(id.prefix(2))/\(id).bcb", data = try files.read(id)
                digests[name] = SHA256Digest.hex(of: data)
                try archive.add(name, data: data)
            }
            description.entries = digests
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let described = try encoder.encode(description)
            try archive.add(descriptionName, data: described)
            try archive.add(signatureName, data: try DetachedSignature.sign(described, with: identity, at: now).der)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        try DurableFile.publish(temporary, as: url)
        return description
    }

    /// Restores a backup into `dataDirectory` after verifying it — its signature by a
    /// signer `signers` accepts for `expectedUnit` first; the current data is moved to
    /// `<dataDirectory>.before-restore-<time>`. The restored node gets a new epoch, so its
    /// children re-offer what they sent since the backup.
    @discardableResult
    public static func restore(from url: URL, into dataDirectory: String, expectedUnit: UnitCode, signers: BackupSignerCheck,
                               now: Date) throws -> Description {
        let target = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        let stamp = String(Int(now.timeIntervalSince1970))
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restore-\(stamp)")
        try? FileManager.default.removeItem(at: staging)
        try DurableFile.createFolder(staging)
        do {
            let description = try unpack(url, into: staging, expectedUnit: expectedUnit, signers: signers)
            let store = try NodeStore.open(at: staging.appendingPathComponent(databaseName).path)
            let files = BundleFiles(directory: staging.appendingPathComponent("bundles"))
            try verify(store: store, files: files, expectedUnit: expectedUnit)
            try files.packLooseFiles()
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

    /// Verifies a backup file as a restore would — its signature by a signer `signers`
    /// accepts for `expectedUnit`, every entry's hash, the database's integrity and unit,
    /// every bundle file — in a private temporary folder removed afterwards; nothing of the
    /// node is touched. What the scheduler runs on each backup it writes, and `baocao backup verify`.
    ///
    /// #### Errors
    /// A ``BackupError`` naming, in Vietnamese, the first thing that is wrong.
    @discardableResult
    public static func verify(_ url: URL, expectedUnit: UnitCode, signers: BackupSignerCheck) throws -> Description {
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-backup-check-\(UUID().uuidString)")
        try DurableFile.createFolder(staging)
        defer { try? FileManager.default.removeItem(at: staging) }
        let description = try unpack(url, into: staging, expectedUnit: expectedUnit, signers: signers)
        let store: NodeStore
        do {
            store = try NodeStore.open(at: staging.appendingPathComponent(databaseName).path)
        } catch {
            throw BackupError.invalid("cơ sở dữ liệu trong bản sao lưu không mở được")
        }
        defer { try? store.close() }
        try verify(store: store, files: BundleFiles(directory: staging.appendingPathComponent("bundles")), expectedUnit: expectedUnit)
        return description
    }

    /// Checks the backup's signature, then its entries, and writes them into `staging`: the
    /// database and the bundle files, nothing else, each matching the hash the signed
    /// description lists. The file is read through a memory map, each entry inflated
    /// straight to its file, so a large database never sits in memory whole.
    private static func unpack(_ url: URL, into staging: URL, expectedUnit: UnitCode, signers: BackupSignerCheck) throws -> Description {
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
            // Who made it, before a single entry is written anywhere.
            guard let signatureEntry = entries[signatureName], let signature = try? signatureEntry.contents(in: bytes) else {
                throw BackupError.invalid("bản sao lưu chưa được ký số (thiếu \(signatureName)), không biết do ai làm ra")
            }
            _ = try signers.check(signatureDER: signature, over: descriptionData, for: expectedUnit)
            guard let digests = description.entries else { throw BackupError.invalid("\(descriptionName) không liệt kê mã băm các tệp") }
            var seen = 0
            for entry in directory.entries where entry.name != descriptionName && entry.name != signatureName {
                let path = entry.name
                guard entry.isRegularFile, path == databaseName || isBundlePath(path), let digest = digests[path] else {
                    throw BackupError.invalid("tệp lạ \(path)")
                }
                let destination = staging.appendingPathComponent(path)
                try DurableFile.createFolder(destination.deletingLastPathComponent())
                try extract(entry, from: bytes, to: destination)
                guard (try? SHA256Digest.hex(of: Data(contentsOf: destination, options: .alwaysMapped))) == digest else {
                    throw BackupError.invalid("tệp \(path) không khớp mã băm đã ký: bản sao lưu đã bị sửa")
                }
                seen += 1
            }
            guard seen == digests.count else { throw BackupError.invalid("thiếu tệp mà bản sao lưu đã ký liệt kê") }
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
public struct BackupError: Error, CustomStringConvertible, Sendable {
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
