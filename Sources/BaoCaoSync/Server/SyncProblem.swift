import BaoCaoCore
import BaoCaoNode
import Foundation
import HTTPTypes
import Logging
import Hummingbird
import NIOCore

/// An answer of the sync endpoints that is not about single bundles: an HTTP status, a
/// code and a Vietnamese message (``ProblemAnswer``) — never this node's internals, which
/// go to its log.
struct SyncProblem: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try BundleAnswer.encoder.encode(ProblemAnswer(code: code, message: message))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func badRequest(_ code: String, _ message: String) -> SyncProblem { SyncProblem(status: .badRequest, code: code, message: message) }

    /// This node cannot write now (a full disk, read-only storage): the caller keeps what
    /// it sent and offers it again later.
    static func cannotStore(_ error: NodeError) -> SyncProblem {
        SyncProblem(status: .init(code: 507, reasonPhrase: "Insufficient Storage"), code: error.code.rawValue, message: error.message)
    }
}

/// Turns every failure of a sync endpoint into a ``SyncProblem``: storage this node cannot
/// write into 507, Hummingbird's own errors into their status with a Vietnamese message,
/// anything else into 500 — logged here in full, answered without detail.
struct SyncProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as SyncProblem {
            throw problem
        } catch let error as HTTPError {
            throw SyncProblem(status: error.status, code: "http\(error.status.code)", message: Self.message(for: error.status),
                              headers: error.headers)
        } catch {
            let failure = NodeError.notStored(error)
            if failure.isStorageCondition {
                context.logger.error("cannot store: \(failure.logDescription)")
                throw SyncProblem.cannotStore(failure)
            }
            context.logger.error("sync endpoint failed: \((error as? any CodedError)?.logDescription ?? String(describing: error))")
            throw SyncProblem(status: .internalServerError, code: "internal",
                              message: "Nút nhận gặp lỗi nội bộ khi xử lý yêu cầu; những gì đã gửi vẫn được giữ ở nơi gửi và sẽ được gửi lại.")
        }
    }

    static func message(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Yêu cầu không đúng khuôn dạng."
        case 401: "Cần chứng thư số của nút (TLS hai chiều)."
        case 403: "Nút gọi đến không được phép dùng chức năng này."
        case 404: "Không có tài nguyên này."
        case 413: "Dữ liệu gửi lên vượt giới hạn cho phép; gói tin lớn hãy gửi bằng tải lên từng phần."
        default: "Nút nhận trả lời lỗi \(status.code)."
        }
    }
}
