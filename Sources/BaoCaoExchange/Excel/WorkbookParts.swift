import BaoCaoCore
import BaoCaoZip
import Foundation

/// The XML parts of a workbook (`.xml`, `.rels`) by name, read with the strict ZIP reader
/// of bundles (``ZipDirectory`` says why not ZIPFoundation's) under ``WorkbookLimits``.
///
/// Every part's size and compression ratio, and their total, are checked from the central
/// directory before the first part is inflated; each part is then inflated to exactly the
/// size it declares and no further (``RawInflate``), so a header that lies is caught as
/// its bytes come, and memory never holds more than the limits allow.
enum WorkbookParts {
    /// #### Errors
    /// ``ExchangeError`` `.tooLarge` for a file over the limits (a zip bomb among them),
    /// `.malformedFile` for one that is not a ZIP or whose parts are damaged.
    static func read(_ data: Data, limits: WorkbookLimits) throws -> [String: Data] {
        guard data.count <= limits.maximumFileSize else {
            throw overLimits("tệp lớn \(data.count) byte, quá \(limits.maximumFileSize) byte", bomb: false)
        }
        return try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> [String: Data] in
            let directory: ZipDirectory
            do {
                directory = try ZipDirectory(bytes: bytes, maximumEntries: limits.maximumEntries)
            } catch let failure as ZipDirectory.Failure {
                throw XLSXReader.malformed("tệp không phải là sổ tính Excel (.xlsx)", log: "not a zip: \(failure.reason)")
            } catch let excess as ZipLimitExceeded {
                throw overLimits("tệp có \(excess.count) phần, quá \(limits.maximumEntries) phần", bomb: false)
            }
            let wanted = directory.entries.filter { $0.isRegularFile && ($0.name.hasSuffix(".xml") || $0.name.hasSuffix(".rels")) }
            var total = 0
            for entry in wanted {
                let name = entry.name.prefix(120)
                guard entry.uncompressedSize <= limits.maximumPartSize else {
                    throw overLimits("phần \(name) giải nén ra \(entry.uncompressedSize) byte, quá \(limits.maximumPartSize) byte", bomb: true)
                }
                if entry.uncompressedSize > limits.compressionRatioFloor,
                   entry.uncompressedSize > entry.compressedSize * limits.maximumCompressionRatio {
                    let ratio = entry.compressedSize > 0 ? "\(entry.uncompressedSize / entry.compressedSize) lần" : "vô hạn"
                    throw overLimits("phần \(name) nén \(ratio), quá \(limits.maximumCompressionRatio) lần", bomb: true)
                }
                total += entry.uncompressedSize
                guard total <= limits.maximumTotalSize else {
                    throw overLimits("các phần giải nén ra hơn \(limits.maximumTotalSize) byte", bomb: true)
                }
            }
            var parts: [String: Data] = [:]
            for entry in wanted {
                do {
                    parts[entry.name] = try entry.contents(in: bytes)
                } catch RawInflate.Failure.overrun {
                    throw overLimits("phần \(entry.name.prefix(120)) giải nén ra nhiều hơn \(entry.uncompressedSize) byte nó khai", bomb: true)
                } catch {
                    throw XLSXReader.malformed("tệp bị hỏng (\(entry.name.prefix(120)))", log: "inflate \(entry.name): \(error)")
                }
            }
            return parts
        }
    }

    static func overLimits(_ reason: String, bomb: Bool) -> ExchangeError {
        ExchangeError(.tooLarge,
                      message: "Tệp Excel vượt giới hạn cho phép: \(reason)\(bomb ? "; nghi là bom nén" : ""). Không đọc tệp này.",
                      log: "xlsx over limits: \(reason)")
    }
}
