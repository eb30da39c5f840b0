import BaoCaoWeb
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Pages do their blocking work — SQLite waiting for a lock or the disk, bcrypt — on
/// SwiftNIO's thread pool, never on Swift's cooperative pool, which has one thread per
/// core: a page stuck on the database must not stall a page that needs none.
@Suite("Web interface: blocking work stays off the cooperative pool")
struct CooperativePoolTests {
    /// How long another connection holds the database's write lock at most: long enough
    /// that a page that waited for it could not answer within ``promptly``.
    static let lockHeld: Duration = .seconds(8)
    /// What "at once" means on a loaded two-core machine running other tests beside this
    /// one, counted from when the sign-ins were sent (the style sheet is asked 0.3 s later).
    static let promptly: Duration = .seconds(3)

    /// Should answer a page that needs no database at once while more sign-ins than the
    /// cooperative pool has threads are waiting for a database another connection has locked.
    /// (With the sign-ins' SQLite calls on the pool, every pool thread sleeps in SQLite's busy
    /// handler and the style sheet answers only once the lock is released, after ``lockHeld``.)
    @Test func styleSheet_whileSignInsWaitForALockedDatabase_answersAtOnce() async throws {
        // Given: more sign-ins ready to send than the cooperative pool has threads (one per
        // core), each writing the audit log, so each waits for the write lock once sent…
        let fixture = try WebFixture()
        let waiting = max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)
        try await fixture.application().test(.router) { client in
            var browsers: [Browser] = []
            for _ in 0..<waiting {
                let browser = Browser(client)
                try await browser.get("/dang-nhap")   // the sign-in form's CSRF token and cookie
                browsers.append(browser)
            }
            // … and the write lock held by another connection to the same file, released by
            // a plain thread (not the pool) after ``lockHeld`` at the latest.
            let lock = try DatabaseLock(path: fixture.directory.appendingPathComponent("baocao.sqlite").path)
            lock.release(after: Self.lockHeld)

            try await withThrowingTaskGroup(of: Int.self) { group in
                // When: every sign-in is sent…
                for browser in browsers {
                    group.addTask {
                        try await browser.post("/dang-nhap", [("login", "nhaplieu"), ("password", WebFixture.password)]).status.code
                    }
                }
                let sent = ContinuousClock.now
                try await Task.sleep(for: .milliseconds(300))   // …and has reached the database,
                // a page that needs no database is asked for.
                let css = try await client.execute(uri: "/static/style.css", method: .get)
                let answeredAfter = ContinuousClock.now - sent
                let lockWasHeld = !lock.isReleased
                lock.release()

                // Then: it answers at once, while the lock was still held…
                #expect(css.status == .ok)
                #expect(lockWasHeld, "the lock was released before the style sheet answered")
                #expect(answeredAfter < Self.promptly, "the style sheet took \(answeredAfter) while sign-ins waited for the database")
                // …and every sign-in goes through once the lock is gone.
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                #expect(statuses == Array(repeating: 303, count: waiting))
            }
        }
    }
}

/// A write transaction held open on a second connection to a node's database file, so the
/// node's own writer waits (GRDB's busy timeout) until it is released.
final class DatabaseLock: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let lock = NSLock()
    private var released = false

    init(path: String) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true   // the transaction outlives the access that began it
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
    }

    var isReleased: Bool { lock.withLock { released } }

    /// Releases the lock now, if it is still held.
    func release() {
        let first = lock.withLock {
            defer { released = true }
            return !released
        }
        if first { try? queue.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } }
    }

    /// Releases the lock after `delay` from a thread of its own, whatever the pools are doing.
    func release(after delay: Duration) {
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        Thread.detachNewThread { [self] in
            Thread.sleep(forTimeInterval: seconds)
            release()
        }
    }
}
