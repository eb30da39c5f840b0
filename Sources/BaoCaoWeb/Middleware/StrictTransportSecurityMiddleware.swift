import HTTPTypes
import Hummingbird

/// Over HTTPS, every answer tells the browser to come back over HTTPS only, for a year
/// (`Strict-Transport-Security`), so a person who once reached the node securely is never
/// again sent its sign-in page in clear. Never sent over plain HTTP, where it means nothing.
struct StrictTransportSecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    static var name: HTTPField.Name { HTTPField.Name("Strict-Transport-Security")! }
    static var value: String { "max-age=31536000" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            response.headers[Self.name] = Self.value
            return response
        } catch var error as HTTPError {
            // A route nobody registered, say: its answer carries the header too.
            error.headers[Self.name] = Self.value
            throw error
        }
    }
}
