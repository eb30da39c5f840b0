import COpenSSL
import Glibc
import Synchronization

/// Counts what libcrypto allocates and frees, through `CRYPTO_set_mem_functions`, and
/// keeps every live block in a list with the place in libcrypto that asked for it, so that
/// a leak can be named.
///
/// libcrypto takes these functions only before its first allocation in the process,
/// which is why counting happens in this process of its own and ``install()`` comes
/// first thing in `main`.
enum AllocationCounter {
    struct Snapshot: Equatable {
        /// Blocks allocated and not yet freed.
        let blocks: Int
        /// Bytes in those blocks, as libcrypto asked for them.
        let bytes: Int
        /// Every allocation so far, reallocations included.
        let allocations: Int
    }

    /// Where libcrypto allocated blocks that are still live.
    struct Site: Hashable, Comparable {
        let file: String
        let line: Int32
        static func < (a: Site, b: Site) -> Bool { (a.file, a.line) < (b.file, b.line) }
    }

    /// In front of every block: its neighbours in the list of live blocks (``hidden(_:)``
    /// addresses, 0 for none), its size, where it was asked for, and the epoch it was made in.
    struct Header {
        var previous: UInt
        var next: UInt
        var size: Int
        var file: UnsafePointer<CChar>?
        var line: Int32
        var epoch: Int32
    }

    /// Addresses rather than pointers, so that the state is plainly Sendable.
    struct State: ~Copyable, Sendable {
        /// The first live block, ``hidden(_:)``.
        var first: UInt = 0
        var blocks = 0
        var bytes = 0
        var allocations = 0
        var epoch: Int32 = 0
    }

    static let state = Mutex(State())

    /// The header's room, rounded up to 16 bytes so blocks keep malloc's alignment.
    static let headerSize = (MemoryLayout<Header>.size + 15) & ~15

    /// Installs the counting functions; false if libcrypto had already allocated.
    static func install() -> Bool {
        _ = snapshot()  // initialise the state here, not inside the first allocation
        return CRYPTO_set_mem_functions(countingMalloc, countingRealloc, countingFree) == 1
    }

    static func snapshot() -> Snapshot {
        state.withLock { Snapshot(blocks: $0.blocks, bytes: $0.bytes, allocations: $0.allocations) }
    }

    /// Starts a new epoch: ``liveSites(sinceEpochStart:)`` then reports the blocks made after this.
    static func startEpoch() {
        state.withLock { $0.epoch += 1 }
    }

    /// Blocks made in the current epoch that are still live, by site: count and bytes.
    static func liveSitesOfCurrentEpoch() -> [(site: Site, blocks: Int, bytes: Int)] {
        var found: [Site: (blocks: Int, bytes: Int)] = [:]
        state.withLock { state in
            var next = state.first
            while let current = block(next) {
                let header = current.load(as: Header.self)
                if header.epoch == state.epoch {
                    let site = Site(file: header.file.map { String(cString: $0) } ?? "?", line: header.line)
                    found[site, default: (0, 0)].blocks += 1
                    found[site, default: (0, 0)].bytes += header.size
                }
                next = header.next
            }
        }
        return found.map { ($0.key, $0.value.blocks, $0.value.bytes) }.sorted { $0.site < $1.site }
    }

    // MARK: - The list

    /// An address as the list keeps it: scrambled, so that LeakSanitizer (Scripts/asan)
    /// does not take the list for a reference to the block. A block libcrypto lost is then
    /// unreachable, and reported with the stack that made it; a block it still holds is
    /// reachable through libcrypto's own pointer. 0 stays 0.
    static func hidden(_ address: UInt) -> UInt { address == 0 ? 0 : address ^ 0xA5A5_A5A5_A5A5_A5A5 }

    static func block(_ hidden: UInt) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: hidden == 0 ? 0 : hidden ^ 0xA5A5_A5A5_A5A5_A5A5)
    }

    /// Adds a block at the front of the list.
    static func link(_ base: UnsafeMutableRawPointer, size: Int, file: UnsafePointer<CChar>?, line: Int32,
                     in state: inout State) {
        base.storeBytes(of: Header(previous: 0, next: state.first, size: size, file: file, line: line, epoch: state.epoch),
                        as: Header.self)
        let address = hidden(UInt(bitPattern: base))
        if let first = block(state.first) { setPrevious(of: first, to: address) }
        state.first = address
        state.blocks += 1
        state.bytes += size
        state.allocations += 1
    }

    /// Takes a block out of the list; returns its header.
    static func unlink(_ base: UnsafeMutableRawPointer, in state: inout State) -> Header {
        let header = base.load(as: Header.self)
        if let previous = block(header.previous) {
            setNext(of: previous, to: header.next)
        } else {
            state.first = header.next
        }
        if let next = block(header.next) { setPrevious(of: next, to: header.previous) }
        state.blocks -= 1
        state.bytes -= header.size
        return header
    }

    private static func setPrevious(of base: UnsafeMutableRawPointer, to value: UInt) {
        var header = base.load(as: Header.self)
        header.previous = value
        base.storeBytes(of: header, as: Header.self)
    }

    private static func setNext(of base: UnsafeMutableRawPointer, to value: UInt) {
        var header = base.load(as: Header.self)
        header.next = value
        base.storeBytes(of: header, as: Header.self)
    }
}

private func countingMalloc(_ size: Int, _ file: UnsafePointer<CChar>?, _ line: Int32) -> UnsafeMutableRawPointer? {
    guard let base = malloc(size + AllocationCounter.headerSize) else { return nil }
    let address = UInt(bitPattern: base)
    AllocationCounter.state.withLock { state in
        AllocationCounter.link(UnsafeMutableRawPointer(bitPattern: address)!, size: size, file: file, line: line, in: &state)
    }
    return base + AllocationCounter.headerSize
}

private func countingRealloc(_ block: UnsafeMutableRawPointer?, _ size: Int, _ file: UnsafePointer<CChar>?,
                             _ line: Int32) -> UnsafeMutableRawPointer? {
    guard let block else { return countingMalloc(size, file, line) }
    if size == 0 {
        countingFree(block, file, line)
        return nil
    }
    let address = UInt(bitPattern: block - AllocationCounter.headerSize)
    let moved = AllocationCounter.state.withLock { state -> UInt in
        let base = UnsafeMutableRawPointer(bitPattern: address)!
        let old = AllocationCounter.unlink(base, in: &state)
        guard let moved = realloc(base, size + AllocationCounter.headerSize) else {
            // The old block is still there and still libcrypto's: put it back.
            AllocationCounter.link(base, size: old.size, file: old.file, line: old.line, in: &state)
            state.allocations -= 1
            return 0
        }
        AllocationCounter.link(moved, size: size, file: file, line: line, in: &state)
        return UInt(bitPattern: moved)
    }
    return UnsafeMutableRawPointer(bitPattern: moved).map { $0 + AllocationCounter.headerSize }
}

private func countingFree(_ block: UnsafeMutableRawPointer?, _ file: UnsafePointer<CChar>?, _ line: Int32) {
    guard let block else { return }
    let address = UInt(bitPattern: block - AllocationCounter.headerSize)
    AllocationCounter.state.withLock { state in
        _ = AllocationCounter.unlink(UnsafeMutableRawPointer(bitPattern: address)!, in: &state)
    }
    free(block - AllocationCounter.headerSize)
}
