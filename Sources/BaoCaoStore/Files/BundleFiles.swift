import BaoCaoCore
import Foundation

/// A node's bundle bytes, by id, in the folder beside its database (`bundles/`): in one
/// SQLite pack (``BundlePack``, `bundles/pack.sqlite`), and — read only — in the file per
/// bundle that nodes wrote before the pack (`bundles/ab/abcdef….bcb`), which a restore of an
/// older backup lays down too.
///
/// Bytes are written, and put on disk (``flush(_:)``, or `flush: true`), before the
/// database row that refers to them commits. So a row never points at missing bytes, even
/// after a power cut; at worst bytes are left without a row, which the next write of the
/// same bundle keeps.
public struct BundleFiles: Sendable {
    public let directory: URL
    private let pack: BundlePack

    public init(directory: URL) {
        self.directory = directory
        pack = BundlePack(folder: directory.path)
    }

    /// The node's bundle folder inside its data directory.
    public init(dataDirectory: String) {
        self.init(directory: URL(fileURLWithPath: dataDirectory).appendingPathComponent("bundles"))
    }

    /// The pack's file, for the tests that look at it from outside.
    public var packPath: String { pack.path }

    /// Where a bundle of the layout before the pack lies: `bundles/ab/abcdef….bcb`.
    private func legacyPath(for id: String) -> String {
        directory.path + "/" + id.prefix(2) + "/" + id + ".bcb"
    }

    public func contains(_ id: String) -> Bool {
        ((try? pack.absent(from: [id]).isEmpty) ?? false) || FileManager.default.fileExists(atPath: legacyPath(for: id))
    }

    /// The bytes of bundle `id`.
    ///
    /// #### Errors
    /// ``StoreError/Code/missingBundleFile`` when neither the pack nor a file holds them.
    public func read(_ id: String) throws -> Data {
        if let data = try pack.read(id) { return data }
        if let data = FileManager.default.contents(atPath: legacyPath(for: id)) { return data }
        // Another process of the node may have just moved the file into the pack.
        if let data = try pack.read(id) { return data }
        throw StoreError.missingBundleFile(id)
    }

    /// The id of every bundle held, in the pack or (before ``packLooseFiles()``) one file each.
    public func storedIds() throws -> [String] {
        Set(try pack.ids()).union(looseFiles().map(\.id)).sorted()
    }

    /// Moves bundles stored one file each — by a node before the pack, or laid down by the
    /// restore of a backup — into the pack: every file's bytes are inserted and put on disk
    /// before any file is removed, so a power cut at any point loses nothing, and the next
    /// call finishes the move. Returns how many bundles were moved.
    @discardableResult
    public func packLooseFiles() throws -> Int {
        let loose = looseFiles()
        guard !loose.isEmpty else { return 0 }
        let manager = FileManager.default
        for file in loose {
            guard let data = manager.contents(atPath: file.path) else { throw StoreError.missingBundleFile(file.id) }
            try pack.insert(data, id: file.id)
        }
        try pack.flush()
        for file in loose { try manager.removeItem(atPath: file.path) }
        for folder in Set(loose.map(\.folder)) where (try? manager.contentsOfDirectory(atPath: folder))?.isEmpty == true {
            try? manager.removeItem(atPath: folder)
        }
        return loose.count
    }

    /// The bundles stored one file each, `bundles/ab/ab….bcb`, in order of their ids.
    private func looseFiles() -> [(id: String, path: String, folder: String)] {
        let manager = FileManager.default
        var found: [(id: String, path: String, folder: String)] = []
        for prefix in ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        where prefix.count == 2 && prefix.allSatisfy(\.isHexDigit) {
            let folder = directory.path + "/" + prefix
            for name in ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted() where name.hasPrefix(prefix) && name.hasSuffix(".bcb") {
                found.append((String(name.dropLast(4)), folder + "/" + name, folder))
            }
        }
        return found
    }

    /// Writes a bundle. Idempotent: the same id always has the same bytes.
    ///
    /// With `flush: false` the bytes are written but not yet on disk: the caller puts a
    /// whole batch on disk at once with ``flush(_:)`` before committing any of it.
    public func write(_ data: Data, id: String, flush: Bool = true) throws {
        try pack.insert(data, id: id)
        if flush { try pack.flush() }
    }

    /// Writes a bundle this node made and may make again with other bytes under the same id
    /// (a receipt signed twice in the same second by two ingests of one bundle: the same
    /// manifest, another ECDSA signature), keeping the bytes already there. Returns the
    /// bytes kept, which are what the caller must describe in its row.
    public func writeKeepingExisting(_ data: Data, id: String, flush: Bool = true) throws -> Data {
        let kept = try pack.insertIfAbsent(data, id: id) { FileManager.default.contents(atPath: legacyPath(for: id)) }
        if flush { try pack.flush() }
        return kept
    }

    /// Puts on disk the bundles `ids`, written with `flush: false`, with everything else
    /// written before: one `fsync` for the batch. Throws if it failed, or if one of `ids`
    /// is not stored.
    public func flush(_ ids: some Sequence<String>) throws {
        try pack.flush()
        for id in try pack.absent(from: ids) where !FileManager.default.fileExists(atPath: legacyPath(for: id)) {
            throw StoreError.missingBundleFile(id)
        }
    }
}

extension ErrorCode where Domain == StoreDomain {
    public static let missingBundleFile = Self("missingBundleFile")
    public static let writeFailed = Self("writeFailed")
}

extension StoreError {
    static func missingBundleFile(_ id: String) -> StoreError {
        StoreError(.missingBundleFile,
            message: "Thiếu tệp của gói tin \(id.prefix(12))… trong kho gói tin. Hãy phục hồi từ bản sao lưu.",
            log: "bundle file missing for \(id)")
    }

    /// A failed write of `path`: a full disk and read-only storage as such.
    public static func writeFailed(_ path: String, errno code: Int32) -> StoreError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path) }
        if code == EROFS || code == EACCES { return .readOnly(path) }
        return StoreError(.writeFailed, message: "Không ghi được tệp \(path) (lỗi hệ thống \(code)).", log: "write failed \(path): errno \(code)")
    }
}
