import BaoCaoStore
import BaoCaoNode
import HTTPTypes
import Hummingbird

/// Headers every page carries: nothing but this node's own scripts, styles and images
/// (the interface works on a LAN with no internet, and must not be framed or sniffed) —
/// and, where a signing service is configured, requests to it alone besides.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let headers: [(HTTPField.Name, String)]

    /// `connectTo`: the one other origin the pages' script may call (the leader's signing service).
    public init(connectTo signService: String? = nil) {
        headers = Self.headers(connectTo: signService)
    }

    static func headers(connectTo signService: String?) -> [(HTTPField.Name, String)] {
        [
            (.contentSecurityPolicy, "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + (signService.map { "connect-src 'self' \($0); " } ?? "")
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
            (HTTPField.Name("X-Frame-Options")!, "DENY"),
            (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
            (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
            (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
            (HTTPField.Name("Permissions-Policy")!, "camera=(), microphone=(), geolocation=()"),
        ]
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in headers where response.headers[name] == nil {
            response.headers[name] = value
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
