import CLibz
import Foundation

/// A workbook (`.xlsx`) that is a zip bomb, made here in a moment rather than kept as a
/// file: its sheet and its shared strings are each `inflatedPartSize` bytes of XML (white
/// space inside the root element, which a reader must inflate to see past), deflated about
/// a thousand times by zlib's run-length strategy, so ~0.36 MB holds ~360 MB.
///
/// With ``Headers/honest`` the ZIP says each part's true size; with ``Headers/lying`` it
/// declares 1,000 bytes for each, which only inflating can catch.
public enum ZipBomb {
    public enum Headers: Sendable {
        case honest
        case lying
    }

    public static func workbook(inflatedPartSize: Int = 180 << 20, headers: Headers = .honest) -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let small: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#),
            ("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns="\#(main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ]
        var archive = ZipAssembly()
        for (name, text) in small {
            let bytes = Data(text.utf8)
            archive.add(name, stored: bytes)
        }
        for (name, root) in [("xl/sharedStrings.xml", "sst"), ("xl/worksheets/sheet1.xml", "worksheet")] {
            let head = Data(#"<?xml version="1.0"?><\#(root) xmlns="\#(main)">"#.utf8)
            let tail = Data("</\(root)>".utf8)
            let (deflated, crc) = deflateRuns(head: head, spaces: inflatedPartSize - head.count - tail.count, tail: tail)
            archive.add(name, deflated: deflated, crc: crc, declaredSize: headers == .honest ? inflatedPartSize : 1_000)
        }
        return archive.finished()
    }

    /// `head`, `spaces` spaces and `tail`, raw-deflated with the run-length strategy; and their CRC-32.
    static func deflateRuns(head: Data, spaces: Int, tail: Data) -> (Data, UInt32) {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var output = Data()
        var crc = crc32(0, nil, 0)
        var out = [UInt8](repeating: 0, count: 1 << 16)
        func feed(_ input: Data, finish: Bool) {
            input.withUnsafeBytes { raw in
                crc = crc32(crc, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count))
                stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(raw.count)
                repeat {
                    let status: Int32 = out.withUnsafeMutableBytes { buffer in
                        stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
                        stream.avail_out = uInt(buffer.count)
                        return deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    }
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                    if finish, status == Z_STREAM_END { return }
                } while stream.avail_in > 0 || stream.avail_out == 0 || finish
            }
        }
        feed(head, finish: false)
        let chunk = Data(repeating: 0x20, count: 1 << 20)
        var left = spaces
        while left > 0 {
            let count = min(left, chunk.count)
            feed(chunk.prefix(count), finish: false)
            left -= count
        }
        feed(tail, finish: true)
        return (output, UInt32(crc))
    }
}

/// A ZIP file written entry by entry with the sizes its headers should declare, true or
/// not: what an attacker's tool would write, for tests.
public struct ZipAssembly: Sendable {
    private var body = Data()
    private var directory = Data()
    private var count = 0

    public init() {}

    /// Adds `bytes` stored (not compressed).
    public mutating func add(_ name: String, stored bytes: Data) {
        let crc = UInt32(bytes.withUnsafeBytes { crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) })
        add(name, method: 0, data: bytes, crc: crc, compressedSize: bytes.count, declaredSize: bytes.count)
    }

    /// Adds raw-deflate data whose headers declare `declaredSize` uncompressed bytes.
    public mutating func add(_ name: String, deflated: Data, crc: UInt32, declaredSize: Int) {
        add(name, method: 8, data: deflated, crc: crc, compressedSize: deflated.count, declaredSize: declaredSize)
    }

    private mutating func add(_ name: String, method: UInt16, data: Data, crc: UInt32, compressedSize: Int, declaredSize: Int) {
        let nameBytes = Data(name.utf8)
        let offset = body.count
        var local = Data()
        local.le32(0x0403_4B50); local.le16(20); local.le16(0); local.le16(method); local.le16(0); local.le16(0x21)
        local.le32(crc); local.le32(UInt32(compressedSize)); local.le32(UInt32(declaredSize))
        local.le16(UInt16(nameBytes.count)); local.le16(0)
        body.append(local); body.append(nameBytes); body.append(data)
        var central = Data()
        central.le32(0x0201_4B50); central.le16(20); central.le16(20); central.le16(0); central.le16(method); central.le16(0); central.le16(0x21)
        central.le32(crc); central.le32(UInt32(compressedSize)); central.le32(UInt32(declaredSize))
        central.le16(UInt16(nameBytes.count)); central.le16(0); central.le16(0); central.le16(0); central.le16(0)
        central.le32(0); central.le32(UInt32(offset))
        directory.append(central); directory.append(nameBytes)
        count += 1
    }

    /// The whole file: the entries, the central directory and its end record.
    public func finished() -> Data {
        var file = body
        file.append(directory)
        var end = Data()
        end.le32(0x0605_4B50); end.le16(0); end.le16(0); end.le16(UInt16(count)); end.le16(UInt16(count))
        end.le32(UInt32(directory.count)); end.le32(UInt32(body.count)); end.le16(0)
        file.append(end)
        return file
    }
}

extension Data {
    fileprivate mutating func le16(_ value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    fileprivate mutating func le32(_ value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
