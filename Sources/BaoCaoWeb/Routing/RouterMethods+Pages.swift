import BaoCaoNode
import Hummingbird

/// How every page is registered: what is async (reading the body) is done first, then the
/// page's own work — store transactions, bcrypt, bundle and attachment files, rendering —
/// runs synchronously on SwiftNIO's thread pool (``BlockingWork``).
///
/// Swift's cooperative pool has one thread per core, two on a district's server. A page
/// calling SQLite on it while the disk is slow or another connection holds the write
/// lock, or checking a password with bcrypt at cost 12, holds one of those threads; two
/// such pages stall every request of the node, even one that needs no database. So page
/// functions are synchronous, reach the router only through these three routes, and are
/// never called from async code.
extension RouterMethods<WebRequestContext> {
    /// A page read with GET.
    @discardableResult
    func getPage(_ path: RouterPath, _ page: @escaping @Sendable (Request, WebRequestContext) throws -> Response) -> Self {
        get(path) { request, context in
            try await BlockingWork.run { try page(request, context) }
        }
    }

    /// A form sent with POST (`application/x-www-form-urlencoded`), its body read first.
    @discardableResult
    func postForm(_ path: RouterPath, _ action: @escaping @Sendable (FormBody, WebRequestContext) throws -> Response) -> Self {
        post(path) { request, context in
            var request = request
            let form = try await FormBody.read(&request, context: context)
            return try await BlockingWork.run { try action(form, context) }
        }
    }

    /// A form with a file (`multipart/form-data`), its body read first and parsed with the
    /// page's work; `nil` when the body is not multipart.
    @discardableResult
    func postUpload(_ path: RouterPath, _ action: @escaping @Sendable (MultipartBody?, WebRequestContext) throws -> Response) -> Self {
        post(path) { request, context in
            var request = request
            let boundary = MultipartBody.boundary(of: request.headers[.contentType])
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            return try await BlockingWork.run {
                try action(try boundary.map { try MultipartBody(body, boundary: $0) }, context)
            }
        }
    }
}
