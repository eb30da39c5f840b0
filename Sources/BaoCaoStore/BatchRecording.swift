import BaoCaoCore
import Dispatch
import GRDB
import Synchronization

/// One write transaction that records a batch of bundles as they are handed to it, while
/// the caller goes on verifying and preparing the next ones; committed only when the
/// caller says so, after it has flushed the bundles' bytes, so nothing is acknowledged
/// before it is durable.
///
/// Recording a province's reports — their rows, their 200 values each — is most of what
/// taking them in costs on the database's one writer. Made at the end of a batch, it left
/// the other core idle while it ran, and the writer idle while the batch was verified;
/// here the two overlap. The transaction holds the writer from the first bundle handed to
/// it until ``commit()`` or ``abandon()``: the caller must not write to the database
/// meanwhile (it would wait for itself), and must end every recording it opens (one
/// dropped unended is abandoned).
///
/// Only a database that reads beside its writer (a `DatabasePool`, as every node's file
/// is) records while the caller prepares; on a `DatabaseQueue` — one connection, whose
/// reads would wait for the open transaction — everything handed over is recorded when
/// the caller commits.
public final class BatchRecording: Sendable {
    private enum Message: Sendable {
        case record(NodeStore.BundleEntry, DatabaseChange?)
        case commit
        case abandon
    }

    /// The messages handed to the writer, in order.
    private final class Inbox: Sendable {
        private let messages = Mutex<(waiting: [Message], next: Int)>(([], 0))
        private let arrived = DispatchSemaphore(value: 0)

        func put(_ message: Message) {
            messages.withLock { $0.waiting.append(message) }
            arrived.signal()
        }

        func take() -> Message {
            arrived.wait()
            return messages.withLock { state in
                defer { state.next += 1 }
                return state.waiting[state.next]
            }
        }
    }

    /// Why a recording was rolled back at its caller's word.
    private struct Abandoned: Error {}

    private let inbox: Inbox
    private let outcome: WorkAhead<Result<[Bool], any Error>>
    private let ended = Mutex(false)
    /// Signalled when the transaction may take the writer: at once on a pool, at the end on a queue.
    private let mayBegin = DispatchSemaphore(value: 0)

    /// Opens the transaction; `first`, when given, is written in it before any bundle.
    public init(store: NodeStore, first: DatabaseChange?) {
        let inbox = Inbox()
        self.inbox = inbox
        let mayBegin = mayBegin
        if store.writer is DatabasePool { mayBegin.signal() }
        outcome = WorkAhead {
            mayBegin.wait()
            return Result {
                try store.writer.write { db in
                    try first?(db)
                    var fresh: [Bool] = []
                    while true {
                        switch inbox.take() {
                        case .record(let entry, let change): fresh.append(try NodeStore.record(entry, applying: change, in: db))
                        case .commit: return fresh
                        case .abandon: throw Abandoned()
                        }
                    }
                }
            }
        }
    }

    deinit {
        if !ended.withLock({ $0 }) { end(with: .abandon) }
    }

    /// Hands a bundle to the transaction; recorded in order, without waiting.
    public func record(_ entry: NodeStore.BundleEntry, applying change: DatabaseChange?) {
        inbox.put(.record(entry, change))
    }

    /// Commits what was handed over; for each bundle, in order, whether it was new. If
    /// recording any of them failed, nothing is committed and that error is thrown.
    public func commit() throws -> [Bool] {
        end(with: .commit)
        return try outcome.value().get()
    }

    /// Rolls everything back, once the writer has let go.
    public func abandon() {
        end(with: .abandon)
        _ = outcome.value()
    }

    private func end(with message: Message) {
        ended.withLock { $0 = true }
        inbox.put(message)
        mayBegin.signal()
    }
}
