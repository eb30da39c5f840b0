import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Hummingbird
import Logging

/// Turns what a service refuses into a Vietnamese page with the right status, and
/// anything unexpected into a plain apology (the details go to the log, not the page).
/// The page is rendered off the cooperative pool, like every other (``BlockingWork``).
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let web: WebEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let page = Self.page(for: error, logger: context.logger)
            return try await BlockingWork.run {
                try web.pages.error(page.status, title: page.title, message: page.message, context: context)
            }
        }
    }

    /// What the person is told of `error`, logged as its kind deserves.
    static func page(for error: any Error, logger: Logger) -> (status: HTTPResponse.Status, title: String, message: String) {
        if let storage = StoreError.storageFailure(from: error) {
            // Disk full or read-only storage: say so, whichever layer noticed it.
            logger.error("cannot store: \(storage.logDescription)")
            return (.init(code: 507, reasonPhrase: "Insufficient Storage"), "Không lưu được", storage.message)
        }
        switch error {
        case let error as ServiceError:
            let status: HTTPResponse.Status = switch error.code {
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .illegalTransition: .conflict
            default: .badRequest
            }
            logger.info("refused: \(error.logDescription)")
            return (status, status == .forbidden ? "Không có quyền" : "Không thực hiện được", error.message)
        case let error as any CodedError:
            logger.info("refused: \(error.logDescription)")
            return (.badRequest, "Không thực hiện được", error.message)
        case let error as HTTPError:
            let message = switch error.status {
            case .notFound: "Không tìm thấy trang hoặc mục này."
            case .unauthorized: "Hãy đăng nhập."
            default: "Yêu cầu không hợp lệ."
            }
            return (error.status, "Không thực hiện được", message)
        default:
            logger.error("web failure: \(error)")
            return (.internalServerError, "Lỗi hệ thống",
                    "Máy chủ gặp lỗi khi xử lý yêu cầu; dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại hoặc báo quản trị.")
        }
    }
}

/// Sends anyone not signed in to the sign-in page, and anyone whose password expired to
/// the page that changes it.
struct SignInRequiredMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.actor != nil, let session = context.session else {
            return PageSupport.redirect(to: "/dang-nhap")
        }
        if session.mustChangePassword, request.uri.path != "/mat-khau" {
            return PageSupport.redirect(to: "/mat-khau")
        }
        return try await next(request, context)
    }
}
