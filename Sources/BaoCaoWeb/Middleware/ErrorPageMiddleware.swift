import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Hummingbird
import Logging

/// Turns what a service refuses into a Vietnamese page with the right status, and
/// anything unexpected into a plain apology (the details go to the log, not the page).
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext
    let web: WebEnvironment

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error where StoreError.storageFailure(from: error) != nil {
            // Disk full or read-only storage: say so, whichever layer noticed it.
            let storage = StoreError.storageFailure(from: error)!
            context.logger.error("cannot store: \(storage.logDescription)")
            return try web.pages.error(.init(code: 507, reasonPhrase: "Insufficient Storage"), title: "Không lưu được",
                                       message: storage.message, context: context)
        } catch let error as ServiceError {
            let status: HTTPResponse.Status = switch error.code {
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .illegalTransition: .conflict
            default: .badRequest
            }
            context.logger.info("refused: \(error.logDescription)")
            return try web.pages.error(status, title: status == .forbidden ? "Không có quyền" : "Không thực hiện được",
                                       message: error.message, context: context)
        } catch let error as any CodedError {
            context.logger.info("refused: \(error.logDescription)")
            return try web.pages.error(.badRequest, title: "Không thực hiện được", message: error.message, context: context)
        } catch let error as HTTPError {
            let message = switch error.status {
            case .notFound: "Không tìm thấy trang hoặc mục này."
            case .unauthorized: "Hãy đăng nhập."
            default: "Yêu cầu không hợp lệ."
            }
            return try web.pages.error(error.status, title: "Không thực hiện được", message: message, context: context)
        } catch {
            context.logger.error("web failure: \(error)")
            return try web.pages.error(.internalServerError, title: "Lỗi hệ thống",
                                       message: "Máy chủ gặp lỗi khi xử lý yêu cầu; dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại hoặc báo quản trị.",
                                       context: context)
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
