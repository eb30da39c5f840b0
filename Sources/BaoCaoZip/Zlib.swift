import CLibz
import Foundation

/// zlib streams (RFC 1950), the HTTP `deflate` content coding: batches of bundles are
/// compressed on the wire rather than inside each bundle (see ``BundleArchive/write(_:)``).
public enum Zlib {
    public enum Failure: Error, Sendable {
        /// The stream inflates to more than the limit.
        case tooLarge
        /// Not a valid zlib stream, or a truncated one.
        case corrupt
    }

    /// `data` compressed at the default level.
    public static func compress(_ data: Data) -> Data {
        var stream = z_stream()
        guard deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib deflateInit failed")
        }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))))
        let status: Int32 = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish within its bound")
        output.count = Int(stream.total_out)
        return output
    }

    /// The bytes `data` inflates to, refusing to produce more than `limit` bytes.
    public static func decompress(_ data: Data, limit: Int) throws(Failure) -> Data {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .corrupt }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        var status: Int32 = Z_OK
        var overLimit = false
        data.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            repeat {
                chunk.withUnsafeMutableBytes { out in
                    stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit {
                    overLimit = true
                    return
                }
                output.append(contentsOf: chunk[0..<produced])
            } while status == Z_OK
        }
        if overLimit { throw .tooLarge }
        guard status == Z_STREAM_END, stream.avail_in == 0 else { throw .corrupt }
        return output
    }
}
