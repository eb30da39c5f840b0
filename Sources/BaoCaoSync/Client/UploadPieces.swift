import Foundation
import NIOCore

/// The rest of a resumable upload's bytes as an upload body of small pieces, each written
/// to the connection on its own — and so each sealed in a TLS record of its own.
///
/// The parent can keep only the bytes of the records that arrived whole: when the link is
/// cut, whatever was sent of the record in flight is lost and sent again. One piece of the
/// whole body would go as records of 16 KiB (TLS's largest), losing 8 KiB a cut on average
/// (a second at 64 kbit/s); pieces of ``size`` lose 2 KiB, for 22 bytes of record framing
/// each (0.5 %). About the least total waste for a 2 MiB bundle cut every 256 KiB.
struct UploadPieces: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    /// How many bytes each piece carries. 4 KiB.
    static let size = 4 << 10

    let data: Data

    struct AsyncIterator: AsyncIteratorProtocol {
        let data: Data
        var offset: Int

        mutating func next() async -> ByteBuffer? {
            guard offset < data.endIndex else { return nil }
            let end = Swift.min(offset + UploadPieces.size, data.endIndex)
            defer { offset = end }
            return ByteBuffer(bytes: data[offset..<end])
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(data: data, offset: data.startIndex) }
}
