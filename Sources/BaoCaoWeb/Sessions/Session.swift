import BaoCaoStore
import BaoCaoNode
import Foundation

/// A signed-in browser: who, since when, and the token every form must send back
/// (CSRF). The session id travels only in an HttpOnly, SameSite=Strict cookie.
public struct Session: Sendable, Hashable {
    public let id: String
    public let userId: Int64
    public let login: String
    /// Sent in every form as `_csrf`; a POST without it is refused.
    public let csrfToken: String
    public let createdAt: Date
    public var lastSeen: Date
    /// Signed in with an expired password: nothing but changing it is allowed.
    public var mustChangePassword: Bool
    /// A one-time message shown on the next page (after a redirect).
    public var flash: String?
}
