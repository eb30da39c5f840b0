import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// The elements transformed on every core, in their order: for independent, CPU-bound
    /// work such as verifying or signing a batch of bundles. The first error (in element
    /// order) is thrown once every element has been tried.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        guard count > 1 else { return try map(transform) }
        let slots = ConcurrentSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, Result { try transform(self[index]) })
        }
        return try slots.results()
    }
}

/// Results filled in from many threads, one slot each.
private final class ConcurrentSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) {
        lock.withLock { slots[index] = result }
    }

    func results() throws -> [T] {
        try lock.withLock { slots }.map { try $0!.get() }
    }
}
