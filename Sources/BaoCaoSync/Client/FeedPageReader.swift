import BaoCaoNode
import Foundation

/// Reads a page of the parent's feed as its body arrives (decoded already: see
/// ``ZlibInflater``), one framed item at a time (``BundleFraming``), each written to its
/// own file in the spool (``FeedSpool``) rather than held in memory. An item whose stated
/// length passes the limit is refused from its length alone: the reader stops, and the
/// rest of the body is not read.
final class FeedPageReader {
    /// Why the reader stopped before the end of the page.
    enum Stop: Equatable {
        /// The item at `index` states `size` bytes, more than the limit.
        case tooLarge(index: Int, size: Int)
        /// The body ended inside the item at `index` (or its coding is broken there).
        case malformed(index: Int)
    }

    let spool: FeedSpool
    let limit: Int
    /// The items read whole, in order, mapped from their files.
    private(set) var items: [Data] = []
    private(set) var stop: Stop?
    private var header = Data()
    private var current: (file: FeedSpoolFile, remaining: Int)?

    init(spool: FeedSpool, limit: Int) {
        self.spool = spool
        self.limit = limit
    }

    /// Takes the next bytes of the page; false once the reader has stopped (the caller
    /// reads no further).
    func consume(_ bytes: Data) async throws -> Bool {
        guard stop == nil else { return false }
        var rest = bytes
        while !rest.isEmpty {
            if let (file, remaining) = current {
                let take = min(remaining, rest.count)
                try await file.append(rest.prefix(take))
                rest = rest.dropFirst(take)
                if take == remaining {
                    current = nil
                    items.append(try await file.finish())
                } else {
                    current = (file, remaining - take)
                }
                continue
            }
            let need = 8 - header.count
            header.append(rest.prefix(need))
            rest = rest.dropFirst(min(need, rest.count))
            guard header.count == 8 else { continue }
            let length = header.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            header.removeAll()
            guard length <= UInt64(limit) else {
                stop = .tooLarge(index: items.count, size: Int(clamping: length))
                return false
            }
            let file = try await spool.newFile()
            if length == 0 {
                items.append(try await file.finish())
            } else {
                current = (file, Int(length))
            }
        }
        return true
    }

    /// The body ended (cleanly, or its coding broke: `broken`): an item begun and not
    /// finished is malformed.
    func end(broken: Bool = false) {
        guard stop == nil else { return }
        if broken || current != nil || !header.isEmpty {
            current?.file.discard()
            current = nil
            stop = .malformed(index: items.count)
        }
    }
}
