import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Hummingbird

/// The request context of the local web server: who is signed in, once the session
/// middleware has read the cookie.
public struct WebRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session of the request, if its cookie names a live one.
    public var session: Session?
    /// The signed-in person as they stand now (roles re-read at each request).
    public var actor: Actor?
    /// The one-time message left by the request before (after a redirect).
    public var flash: String?
    /// The request's path, for marking the current menu entry.
    public var path = "/"

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Form bodies are small; a CSV or Excel import stays well under this.
    public var maxUploadSize: Int { 4 * 1024 * 1024 }
}
