import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoTesting
import Foundation
import GRDB
import Synchronization
import Testing
@testable import BaoCaoNode

@Suite("Batches arriving together are taken in together (group commit)")
struct IngestCombinerTests {
    /// A batch of `count` one-byte bundles, each byte naming the batch and the bundle.
    static func batch(_ tag: UInt8, _ count: Int) -> IngestCombiner.Batch {
        IngestCombiner.Batch(items: (0..<count).map { BundleIngestor.Offered(data: Data([tag &* 16 &+ UInt8($0)]), caller: .carrier) },
                             now: Date(), clock: nil)
    }

    /// The first batch is taken in at once. Those that arrive while it is taken in wait,
    /// then go in together, as many as fit; each caller is answered with its own bundles'
    /// outcomes in its own order.
    @Test func batchesArrivingMeanwhile_goInTogether_eachAnsweredWithItsOwn() async throws {
        let combiner = IngestCombiner(maximumItems: 5, maximumBytes: 1 << 20)
        let calls = Mutex<[[Int]]>([])
        let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
        let (gate, opening) = AsyncStream<Void>.makeStream()
        let takeIn: IngestCombiner.TakeIn = { batches in
            let first = calls.withLock { calls in
                calls.append(batches.map(\.items.count))
                return calls.count == 1
            }
            if first {
                enteredSignal.yield()
                for await _ in gate { break }
            }
            return batches.map { batch in batch.items.map { .verdict(.duplicate, id: String($0.data[0], radix: 16), kind: nil) } }
        }
        let a = Task { await combiner.ingest(Self.batch(1, 2), through: takeIn) }
        for await _ in entered { break }
        let b = Task { await combiner.ingest(Self.batch(2, 2), through: takeIn) }
        while combiner.waitingCount < 1 { await Task.yield() }
        let c = Task { await combiner.ingest(Self.batch(3, 2), through: takeIn) }
        while combiner.waitingCount < 2 { await Task.yield() }
        let d = Task { await combiner.ingest(Self.batch(4, 3), through: takeIn) }
        while combiner.waitingCount < 3 { await Task.yield() }
        opening.yield()
        #expect(await a.value.map(\.id) == ["10", "11"])
        #expect(await b.value.map(\.id) == ["20", "21"])
        #expect(await c.value.map(\.id) == ["30", "31"])
        #expect(await d.value.map(\.id) == ["40", "41", "42"])
        // B and C (4 bundles) fit together under 5; D would not, so it went next, alone.
        #expect(calls.withLock { $0 } == [[2], [2, 2], [3]])
        #expect(combiner.waitingCount == 0)
    }

    /// Two communes posting while a batch is taken in, the second with a report its
    /// neighbour signed among its own: taken in together after it, each bundle is judged by who offered it — the
    /// neighbour's report is refused from the second commune, its own are accepted — and
    /// each commune's clock is recorded, also for a post that brought nothing new.
    @Test func communesPostingAtOnce_areEachJudgedAsThemselves_andTheirClocksRecorded() async throws {
        let runtime = try NothingLostTests.runtime(home: "157")
        let pki = NothingLostTests.pki
        let now = Date()
        func reports(of unit: UnitCode, _ revisions: ClosedRange<Int>) throws -> [Data] {
            let writer = BundleWriter(identity: pki.units[unit]!.signing)
            return try revisions.map { try SampleReport.write(writer, unit: unit, to: "157", revision: $0, at: now).data }
        }
        let tuLy = try reports(of: "05290", 1...3), toanSon = try reports(of: "05293", 1...2)
        let foreign = try reports(of: "05290", 4...4)[0], earlier = try reports(of: "05290", 5...5)[0]
        // A batch taken in while the database is held, so that both posts arrive while it
        // is and go in together after it.
        let held = Mutex(false)
        let release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? runtime.store.writer.write { _ in
                held.withLock { $0 = true }
                release.wait()
            }
        }
        while !held.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let blocked = Task { await runtime.ingestBatch([earlier], from: .child("05290"), now: now) }
        try await Task.sleep(for: .milliseconds(200))
        async let first = runtime.ingestBatch(tuLy, from: .child("05290"), now: now, clock: ClockReading(unit: "05290", seconds: 120, measuredAt: now))
        async let second = runtime.ingestBatch(toanSon + [foreign], from: .child("05293"), now: now,
                                               clock: ClockReading(unit: "05293", seconds: -30, measuredAt: now))
        while runtime.combiner.waitingCount < 2 { try await Task.sleep(for: .milliseconds(5)) }
        release.signal()
        #expect(await blocked.value.map(\.verdict) == [.accepted])
        #expect(await first.map(\.verdict) == [.accepted, .accepted, .accepted])
        let toanSonOutcomes = await second.map(\.verdict)
        #expect(toanSonOutcomes[0...1] == [.accepted, .accepted])
        guard case .rejected? = toanSonOutcomes[2] else { Issue.record("a neighbour's report taken from 05293: \(toanSonOutcomes)"); return }
        let senders = try await runtime.store.writer.read { try String.fetchAll($0, sql: "SELECT sender FROM bundle WHERE kind = 'report' ORDER BY sender") }
        #expect(senders == ["05290", "05290", "05290", "05290", "05293", "05293"])
        #expect(try runtime.store.clockSkews() == ["05290": 120, "05293": -30])
        // Nothing new: the clock is still recorded.
        _ = await runtime.ingestBatch(tuLy, from: .child("05290"), now: now, clock: ClockReading(unit: "05290", seconds: 7, measuredAt: now))
        #expect(try runtime.store.clockSkews()["05290"] == 7)
    }
}
