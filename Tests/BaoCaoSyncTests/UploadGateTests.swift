import Foundation
import Synchronization
import Testing
@testable import BaoCaoSync

/// One request at a time on each resumable upload: the `HEAD` a client sends after a cut
/// must not be answered while the cut `PATCH` is still recording its offset, or the client
/// resumes from a stale offset and the bundle fails its hash at the end.
@Suite("Resumable uploads: one request at a time per upload")
struct UploadGateTests {
    /// A second request on the same upload waits until the first has left; it is never in
    /// while the first still is.
    @Test func secondRequestOnTheSameUpload_waitsForTheFirstToLeave() async throws {
        let gate = UploadGate()
        let events = Mutex<[String]>([])
        #expect(await gate.enter("tai-len-1"))
        events.withLock { $0.append("patch in") }
        let head = Task {
            let entered = await gate.enter("tai-len-1")
            events.withLock { $0.append("head in") }
            await gate.leave("tai-len-1")
            return entered
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(events.withLock { $0 } == ["patch in"], "the HEAD must wait while the PATCH holds the upload")
        events.withLock { $0.append("patch out") }
        await gate.leave("tai-len-1")
        #expect(await head.value)
        #expect(events.withLock { $0 } == ["patch in", "patch out", "head in"])
    }

    /// Requests on different uploads do not wait for each other.
    @Test func requestsOnDifferentUploads_doNotWait() async {
        let gate = UploadGate()
        #expect(await gate.enter("tai-len-1"))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await gate.enter("tai-len-2"))
        #expect(clock.now - start < .seconds(1))
        await gate.leave("tai-len-1")
        await gate.leave("tai-len-2")
    }

    /// A request still held after the gate's patience (a connection dead without the
    /// server having noticed) leaves the newcomer refused — answered `423`, tried again
    /// later — rather than let in beside it; once the holder leaves, the upload is free.
    @Test func requestHeldPastThePatience_leavesTheNewcomerRefused() async {
        let gate = UploadGate(patience: .milliseconds(60))
        #expect(await gate.enter("tai-len-1"))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await gate.enter("tai-len-1") == false)
        #expect(clock.now - start >= .milliseconds(60))
        await gate.leave("tai-len-1")
        #expect(await gate.enter("tai-len-1"))
        await gate.leave("tai-len-1")
    }
}
