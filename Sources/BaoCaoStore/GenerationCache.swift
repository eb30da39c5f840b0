import Foundation

/// A value decoded from a store's tables, kept with the generation it was read at: the
/// tables' writers stamp a fresh generation (a setting) in the same transaction, so a
/// reader that finds the stamp it holds knows nothing changed, in this process or another.
final class GenerationCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entry: (generation: String, value: Value)?

    /// The value kept at `generation`, or `read()`'s, kept in its place.
    func value(at generation: String, read: () throws -> Value) rethrows -> Value {
        if let kept = lock.withLock({ entry?.generation == generation ? entry?.value : nil }) { return kept }
        let value = try read()
        lock.withLock { entry = (generation, value) }
        return value
    }
}
