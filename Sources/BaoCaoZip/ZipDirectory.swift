import Foundation

/// The central directory of a ZIP file held in memory, read strictly: one disk, no ZIP64,
/// no encryption, stored or deflated entries only, each entry's local header agreeing with
/// the directory, every offset and length inside the file.
///
/// Why not ZIPFoundation's reader (which still writes, see ``ZipWriter``): it costs more per
/// bundle than the signature check, and a node verifies every bundle it receives; and its
/// in-memory reader traps on an offset past the end of the data (a crafted workbook crashed
/// the node, `Tests/Fuzz/regressions/xlsx`). A bundle's directory is a few dozen bytes per
/// entry; this reads it in one pass without copying, every offset and size checked first.
public struct ZipDirectory: Sendable {
    public struct Entry: Sendable {
        public let name: String
        /// 0 stored, 8 deflated.
        public let method: UInt16
        public let compressedSize: Int
        public let uncompressedSize: Int
        /// Where the entry's data starts in the file.
        public let dataOffset: Int
        /// Neither a directory nor a symbolic link.
        public let isRegularFile: Bool
    }

    /// Why the bytes are not a ZIP file this reader accepts; `reason` is Vietnamese, for
    /// the message of the caller's own error.
    public struct Failure: Error, Sendable {
        public let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    public let entries: [Entry]

    /// Reads the directory of `bytes`, refusing more than `maximumEntries` entries before
    /// reading any of them.
    ///
    /// #### Errors
    /// ``Failure`` for anything malformed, ``ZipLimitExceeded`` for too many entries.
    public init(bytes: UnsafeRawBufferPointer, maximumEntries: Int) throws {
        let file = LittleEndianBytes(bytes)
        // The end-of-central-directory record: 22 bytes and a comment of at most 65,535.
        guard bytes.count >= 22 else { throw Failure("không phải tệp ZIP hoặc tệp bị cắt cụt") }
        var end = -1
        var candidate = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while candidate >= lowest {
            if try file.uint32(at: candidate) == 0x0605_4B50, try Int(file.uint16(at: candidate + 20)) == bytes.count - candidate - 22 {
                end = candidate
                break
            }
            candidate -= 1
        }
        guard end >= 0 else { throw Failure("không phải tệp ZIP hoặc tệp bị cắt cụt") }
        guard try file.uint16(at: end + 4) == 0, try file.uint16(at: end + 6) == 0 else {
            throw Failure("tệp ZIP nhiều phần không được hỗ trợ")
        }
        let count = Int(try file.uint16(at: end + 10))
        let directorySize = Int(try file.uint32(at: end + 12))
        let directoryOffset = Int(try file.uint32(at: end + 16))
        guard try Int(file.uint16(at: end + 8)) == count, count != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else {
            throw Failure("định dạng ZIP64 không được hỗ trợ")
        }
        guard count <= maximumEntries else { throw ZipLimitExceeded(count: count) }
        guard directoryOffset + directorySize == end else { throw Failure("thư mục trung tâm của tệp ZIP không đúng chỗ") }

        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var position = directoryOffset
        for _ in 0..<count {
            guard try file.uint32(at: position) == 0x0201_4B50 else { throw Failure("thư mục trung tâm của tệp ZIP bị hỏng") }
            let madeBy = try file.uint16(at: position + 4)
            let flags = try file.uint16(at: position + 8)
            let method = try file.uint16(at: position + 10)
            let compressedSize = Int(try file.uint32(at: position + 20))
            let uncompressedSize = Int(try file.uint32(at: position + 24))
            let nameLength = Int(try file.uint16(at: position + 28))
            let extraLength = Int(try file.uint16(at: position + 30))
            let commentLength = Int(try file.uint16(at: position + 32))
            guard try file.uint16(at: position + 34) == 0 else { throw Failure("tệp ZIP nhiều phần không được hỗ trợ") }
            let externalAttributes = try file.uint32(at: position + 38)
            let localOffset = Int(try file.uint32(at: position + 42))
            let nameBytes = try file.slice(at: position + 46, count: nameLength)
            position += 46 + nameLength + extraLength + commentLength
            guard position <= end else { throw Failure("thư mục trung tâm của tệp ZIP bị hỏng") }

            guard let name = String(validating: nameBytes, as: UTF8.self) else { throw Failure("tên tệp trong ZIP không phải UTF-8") }
            guard flags & 0x0001 == 0, flags & 0x0040 == 0 else { throw Failure("tệp \(name.prefix(80)) được mã hóa") }
            guard compressedSize != 0xFFFF_FFFF, uncompressedSize != 0xFFFF_FFFF, localOffset != 0xFFFF_FFFF else {
                throw Failure("định dạng ZIP64 không được hỗ trợ")
            }
            guard method == 0 || method == 8 else { throw Failure("tệp \(name.prefix(80)) dùng phương thức nén \(method) không được hỗ trợ") }
            guard method != 0 || compressedSize == uncompressedSize else {
                throw Failure("tệp \(name.prefix(80)) khai hai kích thước khác nhau dù không nén")
            }

            // The local header must name the same file; its data follows it.
            guard localOffset + 30 <= directoryOffset, try file.uint32(at: localOffset) == 0x0403_4B50 else {
                throw Failure("tiêu đề của tệp \(name.prefix(80)) trong ZIP bị hỏng")
            }
            let localNameLength = Int(try file.uint16(at: localOffset + 26))
            let localExtraLength = Int(try file.uint16(at: localOffset + 28))
            guard try file.slice(at: localOffset + 30, count: localNameLength).elementsEqual(nameBytes) else {
                throw Failure("tên tệp \(name.prefix(80)) trong tiêu đề khác với thư mục trung tâm")
            }
            let dataOffset = localOffset + 30 + localNameLength + localExtraLength
            guard dataOffset + compressedSize <= directoryOffset else { throw Failure("dữ liệu của tệp \(name.prefix(80)) vượt ra ngoài tệp ZIP") }

            let unixMode = madeBy >> 8 == 3 ? (externalAttributes >> 16) & 0o170000 : 0
            let isRegular = !name.hasSuffix("/") && (unixMode == 0 || unixMode == 0o100000)
            entries.append(Entry(name: name, method: method, compressedSize: compressedSize, uncompressedSize: uncompressedSize,
                                 dataOffset: dataOffset, isRegularFile: isRegular))
        }
        guard position == end else { throw Failure("thư mục trung tâm của tệp ZIP bị hỏng") }
        self.entries = entries
    }
}

/// More entries than the limits allow, counted before any is read.
public struct ZipLimitExceeded: Error, Sendable {
    public let count: Int
}

extension ZipDirectory.Entry {
    /// The entry's bytes, out of the file's `bytes` it was read from: stored ones as they
    /// are, deflated ones inflated to exactly their declared size (``RawInflate``).
    ///
    /// #### Errors
    /// ``RawInflate/Failure``: more bytes than declared, fewer, or a damaged stream.
    public func contents(in bytes: UnsafeRawBufferPointer) throws(RawInflate.Failure) -> Data {
        let stored = UnsafeRawBufferPointer(rebasing: bytes[dataOffset..<dataOffset + compressedSize])
        return method == 0 ? Data(stored) : try RawInflate.inflate(stored, size: uncompressedSize)
    }
}

/// Bounds-checked little-endian reads from a buffer.
private struct LittleEndianBytes {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func uint16(at offset: Int) throws -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { throw ZipDirectory.Failure("tệp ZIP bị cắt cụt") }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func uint32(at offset: Int) throws -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { throw ZipDirectory.Failure("tệp ZIP bị cắt cụt") }
        return bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }

    func slice(at offset: Int, count: Int) throws -> UnsafeRawBufferPointer {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else { throw ZipDirectory.Failure("tệp ZIP bị cắt cụt") }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}
