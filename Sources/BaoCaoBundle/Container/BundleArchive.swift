import BaoCaoCore
import Foundation
import ZIPFoundation

/// The `.bcb` container: a ZIP file a person can open, holding `manifest.json`,
/// `manifest.p7s` and the parts.
///
/// Reading is defensive. Entry names are checked before anything is extracted, sizes
/// are checked against ``BundleLimits`` before and during extraction (a declared size
/// that lies is caught as the bytes come), duplicates are refused, and nothing is ever
/// written to disk by an entry's name.
public struct BundleArchive: Sendable {
    /// Each entry's bytes, by name.
    public let entries: [String: Data]

    /// Reads and checks a container.
    ///
    /// #### Errors
    /// ``BundleError/Code/notABundle``, ``BundleError/Code/unsafePath``,
    /// ``BundleError/Code/duplicateEntry``, ``BundleError/Code/tooLarge``.
    public init(reading data: Data, limits: BundleLimits = .default) throws {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw BundleError.notABundle("không phải tệp ZIP hoặc tệp bị cắt cụt")
        }
        var entries: [String: Data] = [:]
        var total = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maximumEntries else {
                throw BundleError.tooLarge("có hơn \(limits.maximumEntries) tệp")
            }
            let name = entry.path
            guard entry.type == .file else { throw BundleError.unsafePath(name, reason: "không phải tệp thường") }
            if name != Manifest.fileName, name != Manifest.signatureFileName { try PartPath.check(name) }
            guard entries[name] == nil else { throw BundleError.duplicateEntry(name) }
            let declared = entry.uncompressedSize
            let limit = name == Manifest.fileName ? limits.maximumManifestSize : limits.maximumPartSize
            guard declared <= UInt64(limit) else {
                throw BundleError.tooLarge("tệp \(name) lớn \(declared) byte, vượt giới hạn \(limit) byte")
            }
            guard total + Int(declared) <= limits.maximumTotalSize else {
                throw BundleError.tooLarge("tổng dung lượng vượt giới hạn \(limits.maximumTotalSize) byte")
            }
            if entry.compressedSize > 0, declared / max(entry.compressedSize, 1) > UInt64(limits.maximumCompressionRatio) {
                throw BundleError.tooLarge("tệp \(name) nén với tỷ lệ bất thường (nghi là bom nén)")
            }
            var content = Data()
            content.reserveCapacity(Int(declared))
            do {
                // CRC-32 is skipped: every part is checked against its SHA-256 in the signed
                // manifest, and the manifest and its signature are checked by the signature.
                _ = try archive.extract(entry, skipCRC32: true) { chunk in
                    guard content.count + chunk.count <= Int(declared) else { throw ExtractionOverrun() }
                    content.append(chunk)
                }
            } catch is ExtractionOverrun {
                throw BundleError.tooLarge("tệp \(name) giải nén ra nhiều hơn kích thước đã khai (nghi là bom nén)")
            } catch {
                throw BundleError.notABundle("tệp \(name) bị hỏng (\(error))")
            }
            guard content.count == Int(declared) else {
                throw BundleError.notABundle("tệp \(name) ngắn hơn kích thước đã khai")
            }
            total += content.count
            entries[name] = content
        }
        self.entries = entries
    }

    /// Builds a container from named entries (manifest and signature first).
    public static func write(_ entries: [(String, Data)]) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw BundleError.cryptoFailure("tạo tệp ZIP")
        }
        for (name, data) in entries {
            do {
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: Date(timeIntervalSince1970: 315_532_800),
                                     compressionMethod: data.count > 512 ? .deflate : .none) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                throw BundleError.cryptoFailure("ghi tệp \(name) vào gói tin")
            }
        }
        guard let bytes = archive.data else { throw BundleError.cryptoFailure("ghi tệp ZIP") }
        return bytes
    }

    private struct ExtractionOverrun: Error {}
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

