import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// Reads the session cookie, puts the session and the person (as they stand now) in the
/// context, and refuses any form sent without its CSRF token: the session's own, or,
/// before sign-in, the one in the pre-session cookie (double submit). The person is read
/// from the store, and the refusal rendered, off the cooperative pool (``BlockingWork``).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext

    static let csrfField = "_csrf"

    let web: WebEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let now = Date()
        context.path = request.uri.path
        if let id = request.cookies[web.sessionCookie]?.value,
           let session = web.sessions.session(id: id, at: now, takingFlash: request.method == .get) {
            if let (actor, scopes) = try await BlockingWork.run({ () throws -> (StaffMember, Set<PersonnelScope>)? in
                guard let actor = try web.accounts.currentActor(userId: session.userId) else { return nil }
                return (actor, try web.personnel.scopes(of: actor))
            }) {
                context.session = session
                context.actor = actor
                context.personnelScopes = scopes
                if request.method == .get { context.flash = session.flash }
            } else {
                web.sessions.close(id: id)   // locked or removed since: signed out
            }
        }
        if request.method == .post {
            let sent: String?
            if MultipartBody.boundary(of: request.headers[.contentType]) != nil {
                sent = try? await MultipartBody.read(&request, context: context)?[Self.csrfField]
            } else {
                sent = try await FormBody.read(&request, context: context)[Self.csrfField]
            }
            let expected = context.session?.csrfToken ?? request.cookies[web.preSessionCookie]?.value
            guard let expected, let sent, Self.constantTimeEqual(sent, expected) else {
                let refused = context
                return try await BlockingWork.run {
                    try web.pages.error(.forbidden, title: "Yêu cầu bị từ chối",
                                        message: "Biểu mẫu thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang rồi thử lại.",
                                        context: refused)
                }
            }
        }
        var response = try await next(request, context)
        // What a signed-in person is shown is theirs: no cache keeps it (the style sheet aside).
        if context.actor != nil, !request.uri.path.hasPrefix("/static/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
