import BaoCaoCore
import BaoCaoZip
import Foundation

/// The `.bcb` container: a ZIP file a person can open, holding `manifest.json`,
/// `manifest.p7s` and the parts.
///
/// Reading is defensive and lazy (``ZipDirectory``): opening a container reads only its
/// directory — entry names are checked, duplicates refused, and every declared size checked
/// against ``BundleLimits`` — and inflates nothing. An entry is inflated only when asked
/// for (``contents(of:)``), so a verifier reads the manifest and its signature, decides
/// whether the bundle may be accepted at all, and only then inflates its parts; a declared
/// size that lies is caught as the bytes come. Nothing is ever written to disk by an
/// entry's name. ``MemoryZipWriter`` writes bundles.
public struct BundleArchive: Sendable {
    /// One entry as the directory declares it.
    public struct Entry: Sendable {
        public let name: String
        /// The uncompressed size the directory declares (checked while inflating).
        public let declaredSize: Int
        fileprivate let zip: ZipDirectory.Entry
    }

    /// The container's bytes.
    public let data: Data
    /// The entries, by name.
    public let entries: [String: Entry]

    /// Opens a container: reads and checks its directory, inflating nothing.
    ///
    /// #### Errors
    /// ``BundleError/Code/notABundle``, ``BundleError/Code/unsafePath``,
    /// ``BundleError/Code/duplicateEntry``, ``BundleError/Code/tooLarge``.
    public init(reading data: Data, limits: BundleLimits = .default) throws {
        self.data = data
        entries = try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> [String: Entry] in
            let directory: ZipDirectory
            do {
                directory = try ZipDirectory(bytes: bytes, maximumEntries: limits.maximumEntries)
            } catch let failure as ZipDirectory.Failure {
                throw BundleError.notABundle(failure.reason)
            } catch let excess as ZipLimitExceeded {
                throw BundleError.tooLarge("có \(excess.count) tệp, quá \(limits.maximumEntries) tệp")
            }
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(directory.entries.count)
            var total = 0
            for entry in directory.entries {
                let name = entry.name
                guard entry.isRegularFile else { throw BundleError.unsafePath(name, reason: "không phải tệp thường") }
                if name != Manifest.fileName, name != Manifest.signatureFileName { try PartPath.check(name) }
                guard entries[name] == nil else { throw BundleError.duplicateEntry(name) }
                let declared = entry.uncompressedSize
                let limit = name == Manifest.fileName || name == Manifest.signatureFileName ? limits.maximumManifestSize : limits.maximumPartSize
                guard declared <= limit else {
                    throw BundleError.tooLarge("tệp \(name) lớn \(declared) byte, vượt giới hạn \(limit) byte")
                }
                guard total + declared <= limits.maximumTotalSize else {
                    throw BundleError.tooLarge("tổng dung lượng vượt giới hạn \(limits.maximumTotalSize) byte")
                }
                if entry.compressedSize > 0, declared / entry.compressedSize > limits.maximumCompressionRatio {
                    throw BundleError.tooLarge("tệp \(name) nén với tỷ lệ bất thường (nghi là bom nén)")
                }
                entries[name] = Entry(name: name, declaredSize: declared, zip: entry)
                total += declared
            }
            return entries
        }
    }

    /// An entry's bytes, inflated now; `nil` when the container has no such entry.
    ///
    /// CRC-32 is not checked: every part is checked against its SHA-256 in the signed
    /// manifest, and the manifest and its signature are checked by the signature.
    ///
    /// #### Errors
    /// ``BundleError/Code/tooLarge`` when the entry inflates to more than it declared,
    /// ``BundleError/Code/notABundle`` when it is truncated or corrupt.
    public func contents(of name: String) throws -> Data? {
        guard let entry = entries[name] else { return nil }
        return try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> Data in
            do {
                return try entry.zip.contents(in: bytes)
            } catch RawInflate.Failure.overrun {
                throw BundleError.tooLarge("tệp \(name) giải nén ra nhiều hơn kích thước đã khai (nghi là bom nén)")
            } catch RawInflate.Failure.truncated {
                throw BundleError.notABundle("tệp \(name) ngắn hơn kích thước đã khai")
            } catch {
                throw BundleError.notABundle("tệp \(name) bị hỏng (dữ liệu nén không hợp lệ)")
            }
        }
    }

    /// Every entry inflated, by name: for tools that rewrite a container (never for a
    /// bundle not yet verified: inflate what the verifier allows, one entry at a time).
    public func allContents() throws -> [String: Data] {
        try entries.keys.reduce(into: [:]) { result, name in result[name] = try contents(of: name) }
    }

    /// Parts up to this size are stored as they are; larger ones are deflated.
    ///
    /// Why: a node checks every bundle it receives, and inflating a report of a few
    /// kilobytes costs about as much as checking its signature. Small bundles travel
    /// compressed on the wire instead (the sync protocol's `deflate` coding of whole
    /// batches); large attachments, where storage and a slow link matter more than the
    /// time to inflate, stay compressed inside the bundle.
    public static let storedPartLimit = 64 << 10

    /// Builds a container from named entries (manifest and signature first), in memory in
    /// one pass (``MemoryZipWriter``: the bytes ZIPFoundation's ``ZipWriter`` writes).
    public static func write(_ entries: [(String, Data)]) throws -> Data {
        do throws(ZipWriter.Failure) {
            return try MemoryZipWriter.archive(entries.map { name, data in
                MemoryZipWriter.Entry(name: name, data: data, compressed: data.count > storedPartLimit)
            })
        } catch {
            throw BundleError.cryptoFailure("ghi tệp \(error.name) vào gói tin")
        }
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let notABundle = Self("notABundle")
    public static let duplicateEntry = Self("duplicateEntry")
    public static let tooLarge = Self("tooLarge")
}

extension BundleError {
    static func notABundle(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.notABundle, message: "Tệp không phải gói tin BaoCao hợp lệ: \(reason).", log: "not a bundle: \(reason)", file: file, line: line)
    }

    static func duplicateEntry(_ name: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.duplicateEntry, message: "Gói tin chứa hai tệp cùng tên \"\(name.prefix(80))\".",
                    log: "duplicate entry \(name.prefix(80).debugDescription)", file: file, line: line)
    }

    static func tooLarge(_ reason: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.tooLarge, message: "Gói tin vượt giới hạn cho phép: \(reason).", log: "bundle over limits: \(reason)", file: file, line: line)
    }
}

