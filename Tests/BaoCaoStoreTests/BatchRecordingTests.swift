import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// A batch of bundles recorded in one transaction while its caller prepares the next ones:
/// nothing of it is seen before the caller commits, all of it after; a failure or an
/// abandon leaves nothing; and the writer is free again however the recording ends.
@Suite("Batch recording", .timeLimit(.minutes(1)))
struct BatchRecordingTests {
    /// A node's database on file (a pool: reads beside the writer).
    private func store(in directory: TemporaryDirectory) throws -> NodeStore {
        let store = try NodeStore.open(at: directory.file("baocao.sqlite"))
        #expect(store.writer is DatabasePool)
        return store
    }

    private func entry(_ id: String) -> NodeStore.BundleEntry {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let bundle = StoredBundle(id: id, kind: "report", sender: "08515", recipient: .unit("25"), size: 10, signer: "",
                                  signedAt: now, origin: .https, receivedAt: now, about: [:])
        return (bundle, [], [])
    }

    private func held(_ store: NodeStore) throws -> [String] {
        try store.writer.read { try String.fetchAll($0, sql: "SELECT id FROM bundle ORDER BY id") }
    }

    @Test func handedOverBundles_areUnseenUntilCommitted_thenAllThere() throws {
        let directory = try TemporaryDirectory()
        let store = try store(in: directory)
        try store.record(entry("a0").bundle, deliveries: [])
        let recording = BatchRecording(store: store, first: { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('first', 'written')")
        })
        for id in ["a1", "a0", "a2"] { recording.record(entry(id), applying: nil) }
        // Recorded meanwhile, but not committed: a reader sees the database as it was.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(try held(store) == ["a0"])
        #expect(try recording.commit() == [true, false, true], "a0 was held already")
        #expect(try held(store) == ["a0", "a1", "a2"])
        #expect(try store.writer.read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = 'first'") } == "written")
    }

    /// One bundle whose change fails: the commit throws, and nothing handed over (nor the
    /// `first` change) is kept; the writer takes the next write at once.
    @Test func failingChange_commitsNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try store(in: directory)
        struct Refused: Error {}
        let recording = BatchRecording(store: store, first: { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('first', 'written')")
        })
        recording.record(entry("b1"), applying: nil)
        recording.record(entry("b2"), applying: { _ in throw Refused() })
        recording.record(entry("b3"), applying: nil)
        #expect(throws: Refused.self) { try recording.commit() }
        #expect(try held(store).isEmpty)
        #expect(try store.record(entry("b4").bundle, deliveries: []))
        #expect(try held(store) == ["b4"])
        #expect(try store.writer.read { try String.fetchOne($0, sql: "SELECT value FROM setting WHERE key = 'first'") } == nil)
    }

    /// Abandoned (the bundles' bytes could not be flushed), or dropped without a word: the
    /// transaction is rolled back and the writer let go.
    @Test func abandonedOrDropped_keepsNothing_andFreesTheWriter() throws {
        let directory = try TemporaryDirectory()
        let store = try store(in: directory)
        let abandoned = BatchRecording(store: store, first: nil)
        abandoned.record(entry("c1"), applying: nil)
        abandoned.abandon()
        do {
            let dropped = BatchRecording(store: store, first: nil)
            dropped.record(entry("c2"), applying: nil)
        }
        #expect(try store.record(entry("c3").bundle, deliveries: []))
        #expect(try held(store) == ["c3"])
    }
}
