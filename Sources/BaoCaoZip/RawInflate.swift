import CLibz
import Foundation

/// Inflates one raw-deflate ZIP entry into exactly its declared size, through zlib.
/// Output beyond the declared size stops at once (a header that lies about its size);
/// output short of it, or a damaged stream, is an error.
public enum RawInflate {
    public enum Failure: Error {
        /// More bytes than declared.
        case overrun
        /// Fewer bytes than declared, or a stream that ends early.
        case truncated
        /// Not a valid deflate stream.
        case corrupt
    }

    public static func inflate(_ compressed: UnsafeRawBufferPointer, size: Int) throws(Failure) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .corrupt }
        defer { inflateEnd(&stream) }
        // One byte of room beyond the declared size reveals an overrun.
        var output = Data(count: size + 1)
        let status: Int32 = output.withUnsafeMutableBytes { out in
            stream.next_in = UnsafeMutablePointer(mutating: compressed.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(compressed.count)
            stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
            stream.avail_out = uInt(out.count)
            return CLibz.inflate(&stream, Z_FINISH)
        }
        let produced = Int(stream.total_out)
        if produced > size { throw .overrun }
        switch status {
        case Z_STREAM_END:
            guard produced == size else { throw .truncated }
        case Z_BUF_ERROR where stream.avail_in == 0:
            throw .truncated
        default:
            throw .corrupt
        }
        output.count = size
        return output
    }
}

extension RawInflate {
    /// Inflates one entry piece by piece into `output`, for entries too large to hold in
    /// memory at once (a backup's database): exactly `size` bytes reach `output`, or it
    /// throws — ``Failure`` for the stream, or whatever `output` throws.
    public static func inflate(_ compressed: UnsafeRawBufferPointer, size: Int,
                               into output: (UnsafeRawBufferPointer) throws -> Void) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure.corrupt }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: compressed.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(compressed.count)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var produced = 0
        while true {
            let status: Int32 = chunk.withUnsafeMutableBytes { out in
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                return CLibz.inflate(&stream, Z_NO_FLUSH)
            }
            let count = chunk.count - Int(stream.avail_out)
            produced += count
            if produced > size { throw Failure.overrun }
            if count > 0 { try chunk.withUnsafeBytes { try output(UnsafeRawBufferPointer(rebasing: $0[0..<count])) } }
            switch status {
            case Z_STREAM_END:
                guard produced == size else { throw Failure.truncated }
                return
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.avail_in == 0:
                throw Failure.truncated
            default:
                throw Failure.corrupt
            }
        }
    }
}
