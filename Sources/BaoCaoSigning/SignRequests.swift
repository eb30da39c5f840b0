import BaoCaoBundle
import Foundation
import Synchronization

/// The requests waiting for the leader, in memory only, each under a random id, for a few
/// minutes: waiting for the PIN, then signed (the signature kept until the node's page
/// collects it, once) or declined. No PIN is ever kept.
public final class SignRequests: Sendable {
    public enum State: Sendable, Equatable {
        case waiting
        case signed(Data)
        case declined
    }

    struct Entry: Sendable {
        let request: SignRequest
        /// The node origin that asked.
        let origin: String
        /// Sent in the confirmation form and required back: the form's own anti-forgery token.
        let formToken: String
        let createdAt: Date
        var state: State
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: TimeInterval

    public init(lifetime: TimeInterval = 600) {
        self.lifetime = lifetime
    }

    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    func add(_ request: SignRequest, origin: String, at now: Date) -> String {
        let id = Self.randomHex()
        entries.withLock { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.createdAt) < lifetime }
            entries[id] = Entry(request: request, origin: origin, formToken: Self.randomHex(), createdAt: now, state: .waiting)
        }
        return id
    }

    /// The request under `id` while it is not expired.
    func entry(_ id: String, at now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[id], now.timeIntervalSince(entry.createdAt) < lifetime else { return nil }
            return entry
        }
    }

    /// Records the outcome of a request still waiting; false if it was not waiting.
    func settle(_ id: String, as state: State) -> Bool {
        entries.withLock { entries in
            guard entries[id]?.state == .waiting else { return false }
            entries[id]?.state = state
            return true
        }
    }

    /// The state of the request under `id` for the origin that made it; a signature or a
    /// refusal is handed out once and the request forgotten.
    func collect(_ id: String, origin: String, at now: Date) -> State? {
        entries.withLock { entries in
            guard let entry = entries[id], entry.origin == origin, now.timeIntervalSince(entry.createdAt) < lifetime else { return nil }
            if entry.state != .waiting { entries[id] = nil }
            return entry.state
        }
    }
}
