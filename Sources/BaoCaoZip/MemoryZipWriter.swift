import CLibz
import Foundation

/// Writes a small ZIP into memory in one pass: each entry's local header, its bytes (stored,
/// or raw-deflated), then the central directory and its end record — the same bytes
/// ``ZipWriter`` (ZIPFoundation) writes for the same entries: UTF-8 names, the fixed
/// modification time of 1 January 1980, mode 0644, "made by" UNIX 3.21, no extra fields.
///
/// Why not ``ZipWriter``: ZIPFoundation rewrites its in-memory archive through a stdio
/// stream for every entry and computes CRC-32 in Swift; for a signed bundle of a few
/// kilobytes that cost several times the ECDSA signature. Here the sizes are known before
/// anything is written, CRC-32 is zlib's, and the output is allocated once.
///
/// No ZIP64: an entry, the archive or the directory past 4 GiB, or more than 65,534
/// entries, is refused (``ZipWriter`` handles those, for backups).
public enum MemoryZipWriter {
    /// One entry to write.
    public struct Entry {
        public var name: String
        public var data: Data
        /// Raw-deflated (method 8) when true, stored (method 0) otherwise.
        public var compressed: Bool

        public init(name: String, data: Data, compressed: Bool) {
            self.name = name
            self.data = data
            self.compressed = compressed
        }
    }

    /// The ZIP holding `entries`, in order.
    ///
    /// #### Errors
    /// ``ZipWriter/Failure`` naming the entry that is too large for a ZIP without ZIP64, or
    /// that zlib could not deflate.
    public static func archive(_ entries: [Entry]) throws(ZipWriter.Failure) -> Data {
        guard entries.count < 0xFFFF else {
            throw ZipWriter.Failure(name: "(bộ nhớ)", underlying: "\(entries.count) entries need ZIP64")
        }
        var written: [Written] = []
        written.reserveCapacity(entries.count)
        var total = 0
        var directorySize = 0
        for entry in entries {
            let name = Array(entry.name.utf8)
            let body = entry.compressed ? try deflated(entry) : nil
            let stored = body?.count ?? entry.data.count
            guard name.count < 0xFFFF, entry.data.count < 0xFFFF_FFFF, stored < 0xFFFF_FFFF else {
                throw ZipWriter.Failure(name: entry.name, underlying: "entry needs ZIP64")
            }
            written.append((name, entry.compressed ? 8 : 0, crc(entry.data), entry.data.count, body, total))
            total += localHeaderSize + name.count + stored
            directorySize += directoryHeaderSize + name.count
        }
        guard total < 0xFFFF_FFFF, directorySize < 0xFFFF_FFFF else {
            throw ZipWriter.Failure(name: "(bộ nhớ)", underlying: "archive needs ZIP64")
        }

        var output = [UInt8]()
        output.reserveCapacity(total + directorySize + endRecordSize)
        for (index, item) in written.enumerated() {
            let stored = item.body?.count ?? item.size
            output.append(uint32: 0x0403_4B50)
            appendSharedFields(of: item, stored: stored, to: &output)
            output.append(contentsOf: item.name)
            output.append(contentsOf: item.body ?? entries[index].data)
        }
        for item in written {
            output.append(uint32: 0x0201_4B50)
            output.append(uint16: versionMadeBy)
            appendSharedFields(of: item, stored: item.body?.count ?? item.size, to: &output)
            output.append(uint16: 0)  // comment length
            output.append(uint16: 0)  // disk number start
            output.append(uint16: 0)  // internal attributes
            output.append(uint32: regularFileMode)
            output.append(uint32: UInt32(item.offset))
            output.append(contentsOf: item.name)
        }
        output.append(uint32: 0x0605_4B50)
        output.append(uint16: 0)  // this disk
        output.append(uint16: 0)  // the disk where the directory starts
        output.append(uint16: UInt16(written.count))
        output.append(uint16: UInt16(written.count))
        output.append(uint32: UInt32(directorySize))
        output.append(uint32: UInt32(total))
        output.append(uint16: 0)  // comment length
        return Data(output)
    }

    /// An entry as it is written: its name's bytes, method, CRC, size, deflated body (nil
    /// when stored) and the offset of its local header.
    private typealias Written = (name: [UInt8], method: UInt16, crc: UInt32, size: Int, body: Data?, offset: Int)

    /// The fields the local header and the central directory's header of an entry share,
    /// from the version needed to the extra field's length; `stored` is its size in the archive.
    private static func appendSharedFields(of item: Written, stored: Int, to output: inout [UInt8]) {
        output.append(uint16: versionNeeded)
        output.append(uint16: utf8Names)
        output.append(uint16: item.method)
        output.append(uint16: fixedTime)
        output.append(uint16: fixedDate)
        output.append(uint32: item.crc)
        output.append(uint32: UInt32(stored))
        output.append(uint32: UInt32(item.size))
        output.append(uint16: UInt16(item.name.count))
        output.append(uint16: 0)  // extra field length
    }

    /// zlib's CRC-32 of `data`.
    static func crc(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return 0 }
            return UInt32(crc32_z(0, base, z_size_t(raw.count)))
        }
    }

    /// `entry.data` raw-deflated (no zlib header) as ZIPFoundation deflates: the default
    /// level, memory level 9, a 32 KiB window.
    private static func deflated(_ entry: Entry) throws(ZipWriter.Failure) -> Data {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipWriter.Failure(name: entry.name, underlying: "deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(entry.data.count))))
        let status: Int32 = entry.data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ZipWriter.Failure(name: entry.name, underlying: "deflate returned \(status)") }
        output.count = Int(stream.total_out)
        return output
    }

    static let localHeaderSize = 30
    static let directoryHeaderSize = 46
    static let endRecordSize = 22
    /// 2.0: deflate.
    static let versionNeeded: UInt16 = 20
    /// UNIX (3 in the high byte), specification 6.3 (0x15): what ZIPFoundation writes.
    static let versionMadeBy: UInt16 = 789
    /// General purpose flag bit 11: the name is UTF-8.
    static let utf8Names: UInt16 = 1 << 11
    /// 00:00:00 and 1 January 1980 in MS-DOS form: ``ZipWriter``'s fixed time.
    static let fixedTime: UInt16 = 0
    static let fixedDate: UInt16 = 1 + 1 * 32
    /// A regular file, mode 0644, in the high half (UNIX external attributes).
    static let regularFileMode: UInt32 = (0o100000 | 0o644) << 16
}

private extension [UInt8] {
    mutating func append(uint16 value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func append(uint32 value: UInt32) {
        append(uint16: UInt16(truncatingIfNeeded: value))
        append(uint16: UInt16(truncatingIfNeeded: value >> 16))
    }
}
