import BaoCaoNode
import Hummingbird
import Logging

/// Refuses every request whose `Host` is not one of the node's names (``WebHosts``) with
/// 421 and a Vietnamese page, before anything else reads it: a page on another site that
/// rebinds its own name to the node's address (DNS rebinding) gets nothing.
struct HostCheckMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let web: WebEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard web.hosts.allows(authority: request.head.authority) else {
            context.logger.notice("refused: host \(request.head.authority ?? "(none)") is not one of the node's names")
            let host = request.head.authority.map { "\"\(String($0.prefix(100)))\"" } ?? "(không có)"
            return try await BlockingWork.run {
                try web.pages.error(.init(code: 421, reasonPhrase: "Misdirected Request"), title: "Sai địa chỉ máy chủ",
                                    message: "Nút này không phục vụ tên máy \(host). Hãy mở giao diện bằng địa chỉ quản trị hệ thống đã cấu hình "
                                        + "(network.localHosts trong tệp cấu hình của nút).",
                                    context: context)
            }
        }
        return try await next(request, context)
    }
}
