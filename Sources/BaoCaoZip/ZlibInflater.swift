import CLibz
import Foundation

/// A zlib stream (RFC 1950) inflated piece by piece as it arrives, so that a large body
/// is never held whole, compressed or not.
public final class ZlibInflater {
    private var stream = z_stream()
    private var ended = false
    private var output = [UInt8](repeating: 0, count: 64 << 10)

    public init() throws(Zlib.Failure) {
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .corrupt }
    }

    deinit {
        inflateEnd(&stream)
    }

    /// Whether the stream's end was reached.
    public var isFinished: Bool { ended }

    /// Inflates `input`, handing each piece produced to `produce`; refuses data after the
    /// stream's end, or that is not a zlib stream.
    public func inflate(_ input: some ContiguousBytes, produce: (Data) throws -> Void) throws {
        try input.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard bytes.count > 0 else { return }
            guard !ended else { throw Zlib.Failure.corrupt }
            stream.next_in = UnsafeMutablePointer(mutating: bytes.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(bytes.count)
            while true {
                let status: Int32 = output.withUnsafeMutableBytes { out in
                    stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(out.count)
                    return CLibz.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = output.count - Int(stream.avail_out)
                if produced > 0 { try produce(Data(output[0..<produced])) }
                switch status {
                case Z_STREAM_END:
                    ended = true
                    guard stream.avail_in == 0 else { throw Zlib.Failure.corrupt }
                    return
                case Z_OK:
                    // All input taken and room left over: nothing more until more input comes.
                    if stream.avail_in == 0 && stream.avail_out > 0 { return }
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return
                default:
                    throw Zlib.Failure.corrupt
                }
            }
        }
    }
}
