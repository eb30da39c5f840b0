import Foundation
import ZIPFoundation

/// Writes ZIP files through ZIPFoundation: bundles, the ZIP of a regime-period's national
/// packets, the waiting bundles for a USB stick, backups.
///
/// Every entry carries the same fixed modification time (1 January 1980, the earliest a
/// ZIP can say), so the same entries always make the same bytes.
public struct ZipWriter {
    private let archive: Archive

    /// Why an archive could not be written; `name` is the entry (or file) concerned.
    public struct Failure: Error, Sendable {
        public let name: String
        public let underlying: String

        public init(name: String, underlying: String) {
            self.name = name
            self.underlying = underlying
        }
    }

    /// A ZIP built in memory; ``data`` holds it.
    public init() throws(Failure) {
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw Failure(name: "(bộ nhớ)", underlying: "\(error)")
        }
    }

    /// A ZIP written to a new file at `url`, readable and writable by its owner only from
    /// its creation (mode 0600, `O_CREAT|O_EXCL`: a backup holds the whole database). The
    /// file starts as an empty archive (its end record alone), which ZIPFoundation then updates.
    public init(creatingFileAt url: URL) throws(Failure) {
        do {
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Self.emptyArchive)
            try handle.close()
            archive = try Archive(url: url, accessMode: .update)
        } catch {
            throw Failure(name: url.lastPathComponent, underlying: "\(error)")
        }
    }

    /// An archive with no entry: its end-of-central-directory record, all counts zero.
    static let emptyArchive = Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))

    /// Adds `data` as the entry `name`, deflated when `compressed`.
    public func add(_ name: String, data: Data, compressed: Bool = true) throws(Failure) {
        do {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.fixedTime,
                                 compressionMethod: compressed ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            throw Failure(name: name, underlying: "\(error)")
        }
    }

    /// Adds the file at `url` as the entry `name`, deflated, read as it is written (a
    /// backup's database may not fit in memory).
    public func add(_ name: String, contentsOf url: URL) throws(Failure) {
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64 ?? 0
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            try archive.addEntry(with: name, type: .file, uncompressedSize: size, modificationDate: Self.fixedTime,
                                 compressionMethod: .deflate) { position, count in
                try handle.seek(toOffset: UInt64(position))
                return try handle.read(upToCount: count) ?? Data()
            }
        } catch {
            throw Failure(name: name, underlying: "\(error)")
        }
    }

    /// The archive's bytes, for one built in memory.
    public var data: Data? { archive.data }

    static let fixedTime = Date(timeIntervalSince1970: 315_532_800)
}
