import BaoCaoStore
import BaoCaoNode
import Foundation
import Synchronization

/// The live sessions of one node, in memory: a restart signs everyone out, which is what
/// an office server that lost power should do. Idle sessions expire.
///
/// A lock rather than an actor: pages run synchronously off the cooperative pool
/// (``RouterMethods/getPage(_:_:)``) and open, touch and close sessions from there, and
/// each call holds the lock for one dictionary access.
public final class SessionStore: Sendable {
    public let idleTimeout: TimeInterval
    private let sessions = Mutex<[String: Session]>([:])

    public init(idleTimeout: TimeInterval = 30 * 60) {
        self.idleTimeout = idleTimeout
    }

    /// Opens a session for a person who just signed in.
    public func open(userId: Int64, login: String, mustChangePassword: Bool, at now: Date) -> Session {
        let session = Session(id: Self.randomToken(), userId: userId, login: login, csrfToken: Self.randomToken(),
                              createdAt: now, lastSeen: now, mustChangePassword: mustChangePassword)
        sessions.withLock { $0[session.id] = session }
        return session
    }

    /// The live session with this id, touched; `nil` if unknown or idle too long. With
    /// `takingFlash`, its flash message is returned in it and removed (a page shows it once).
    public func session(id: String, at now: Date, takingFlash: Bool = false) -> Session? {
        sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            guard now.timeIntervalSince(session.lastSeen) <= idleTimeout else {
                sessions[id] = nil
                return nil
            }
            session.lastSeen = now
            let flash = session.flash
            if takingFlash { session.flash = nil }
            sessions[id] = session
            session.flash = flash
            return session
        }
    }

    public func close(id: String) {
        sessions.withLock { $0[id] = nil }
    }

    /// Closes every session of a person (password changed, account locked).
    public func closeAll(userId: Int64, except keep: String? = nil) {
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.userId != userId || $0.key == keep }
        }
    }

    public func passwordChanged(id: String) {
        sessions.withLock { $0[id]?.mustChangePassword = false }
    }

    public func setFlash(_ message: String?, id: String) {
        sessions.withLock { $0[id]?.flash = message }
    }

    /// 32 random bytes, base64url: unguessable session ids and CSRF tokens.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
