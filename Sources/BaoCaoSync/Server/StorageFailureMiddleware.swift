import BaoCaoCore
import BaoCaoStore
import Hummingbird
import Logging

/// Answers 507 (Insufficient Storage) with a Vietnamese reason when this node cannot write
/// (disk full, read-only storage), whichever endpoint noticed it. A 5xx is not a verdict
/// on what the child sent: it keeps its bundles and offers them again later, while a
/// `rejected` answer would drop them for good.
struct StorageFailureMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            throw error
        } catch {
            guard let storage = StoreError.storageFailure(from: error) else { throw error }
            context.logger.error("cannot store: \(storage.logDescription)")
            throw HTTPError.insufficientStorage(storage.withoutLocation.message)
        }
    }
}

extension HTTPError {
    static func insufficientStorage(_ message: String) -> HTTPError {
        HTTPError(.init(code: 507, reasonPhrase: "Insufficient Storage"), message: message)
    }
}
