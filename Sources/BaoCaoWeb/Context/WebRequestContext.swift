import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Hummingbird

/// The request context of the local web server: who is signed in, once the session
/// middleware has read the cookie.
public struct WebRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session of the request, if its cookie names a live one.
    public var session: Session?
    /// The signed-in person as they stand now (roles re-read at each request).
    public var actor: StaffMember?
    /// What the signed-in person is granted on personnel records (``PersonnelScope``),
    /// re-read at each request like the roles: the menu shows "Hồ sơ cán bộ" to those
    /// with a grant.
    public var personnelScopes: Set<PersonnelScope> = []
    /// The one-time message left by the request before (after a redirect).
    public var flash: String?
    /// The request's path, for marking the current menu entry.
    public var path = "/"

    /// The address of the client's end of the connection (no proxy header is trusted);
    /// nil when there is none (a test's in-memory channel).
    public let clientAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The token every form of the page sends back (empty before sign-in, when the
    /// sign-in form carries its own).
    public var csrfToken: String { session?.csrfToken ?? "" }

    /// A form with an attached file (at most 10 MB, ``ReportService/attachmentLimit``) and
    /// its multipart framing.
    public var maxUploadSize: Int { 11 * 1024 * 1024 }
}
