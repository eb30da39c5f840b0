import Foundation
import Synchronization

/// Takes in together the batches that arrive while one is being taken in (group commit).
///
/// At the deadline a province answers many communes at once, and each batch taken in on
/// its own would wait for its own flush and its own commit, one after another behind the
/// database's one writer. Here the first batch to arrive is taken in at once; those that
/// arrive meanwhile wait for it and are then taken in as one, sharing one flush and one
/// commit. Each caller is answered with its own bundles' outcomes, in its own order, only
/// once the work that holds them is done, as if it had been alone.
final class IngestCombiner: Sendable {
    /// One caller's batch, waiting.
    struct Batch: Sendable {
        let items: [BundleIngestor.Offered]
        let now: Date
        /// The caller's clock, read when its request came.
        let clock: ClockReading?
    }

    /// Takes in batches together; for each, its outcomes in its order.
    typealias TakeIn = @Sendable ([Batch]) async -> [[IngestResult]]

    private typealias Waiting = (batch: Batch, answer: CheckedContinuation<[IngestResult], Never>)

    /// At most how many bundles, and how many bytes of them, are taken in together: a
    /// commit group's (``BundleIngestor/groupSize``), so that combining never makes one
    /// caller wait for a second group. A batch larger than that alone goes alone.
    let maximumItems: Int
    let maximumBytes: Int

    private let state = Mutex<(waiting: [Waiting], draining: Bool)>(([], false))

    init(maximumItems: Int = BundleIngestor.groupSize, maximumBytes: Int = BundleIngestor.groupBytes) {
        self.maximumItems = maximumItems
        self.maximumBytes = maximumBytes
    }

    /// How many batches wait for the one being taken in.
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Takes `batch` in, with whatever else arrives meanwhile, through `takeIn`.
    func ingest(_ batch: Batch, through takeIn: @escaping TakeIn) async -> [IngestResult] {
        await withCheckedContinuation { answer in
            let starts = state.withLock { state in
                state.waiting.append((batch, answer))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if starts { Task { await self.drain(through: takeIn) } }
        }
    }

    /// Takes in what waits, as many batches at a time as fit, until nothing waits.
    private func drain(through takeIn: TakeIn) async {
        while let taken = next() {
            let outcomes = await takeIn(taken.map(\.batch))
            for (waiting, outcome) in zip(taken, outcomes) { waiting.answer.resume(returning: outcome) }
        }
    }

    /// The batches to take in next, oldest first; nil (and draining ends) when none waits.
    private func next() -> [Waiting]? {
        state.withLock { state in
            guard !state.waiting.isEmpty else {
                state.draining = false
                return nil
            }
            var count = 0, bytes = 0, end = 0
            for waiting in state.waiting {
                let items = waiting.batch.items.count, size = waiting.batch.items.reduce(0) { $0 + $1.data.count }
                guard end == 0 || (count + items <= maximumItems && bytes + size <= maximumBytes) else { break }
                count += items
                bytes += size
                end += 1
            }
            defer { state.waiting.removeFirst(end) }
            return Array(state.waiting[..<end])
        }
    }
}
