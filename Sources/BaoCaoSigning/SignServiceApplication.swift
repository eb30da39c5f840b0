import BaoCaoBundle
import BaoCaoCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `baocao sign-service`: a small HTTP server on the leader's PC, beside the token.
///
/// - `POST /v1/yeu-cau` (from a node's approval page, cross-origin): the manifest and the
///   signed attributes (base64, in JSON); checked (``SignRequest``) and kept; the answer
///   names the confirmation page to open.
/// - `GET /xac-nhan/ID`: the service's own page, opened by the approval page in a window:
///   the unit, regime and period read from the manifest, the certificate, the PIN field.
/// - `POST /xac-nhan/ID`: the PIN (or "Không ký"); signs, or shows the error for a retry.
/// - `GET /v1/yeu-cau/ID` (polled by the approval page): waiting, the signature with the
///   certificate chain (once), or declined.
///
/// Only the configured node origins are answered on `/v1/` (CORS: the allowed origin echoed,
/// private-network preflights allowed); any other `Origin` gets 403 and nothing is kept or
/// signed. A `Host` that is not a loopback name gets 421 (a page elsewhere cannot reach the
/// service through a name of its own rebound to 127.0.0.1). The confirmation form is taken
/// only from the service's own origin, with its own token.
public enum SignServiceApplication {
    static let maximumBody = 1 << 20

    public static func router(configuration: SignServiceConfiguration, key: PersonalKey, requests: SignRequests? = nil,
                              now: @escaping @Sendable () -> Date = Date.init) -> Router<BasicRequestContext> {
        let requests = requests ?? SignRequests(lifetime: configuration.requestLifetime)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LoopbackHostMiddleware())
        let cors = CrossOrigin(allowed: configuration.allowedOrigins)

        router.on("/v1/yeu-cau", method: .options) { request, _ in cors.preflight(request) }
        router.on("/v1/yeu-cau/:id", method: .options) { request, _ in cors.preflight(request) }

        router.post("/v1/yeu-cau") { request, context -> Response in
            guard let origin = cors.allowedOrigin(request) else { return cors.refused() }
            do {
                let body = try await request.body.collect(upTo: maximumBody)
                let asked = try JSONDecoder().decode(Asked.self, from: Data(body.readableBytesView))
                guard let manifest = Data(base64Encoded: asked.manifest), let attributes = Data(base64Encoded: asked.signedAttributes) else {
                    throw SignServiceError(.invalidRequest, message: "Yêu cầu ký không đúng định dạng (manifest, signedAttributes phải là base64).",
                                           log: "request fields not base64")
                }
                let checked = try SignRequest(manifest: manifest, attributes: attributes, now: now(), tolerance: configuration.clockTolerance)
                let id = requests.add(checked, origin: origin, at: now())
                let host = request.head.authority ?? "127.0.0.1"
                context.logger.info("sign request \(id.prefix(8))… from \(origin): \(checked.manifest.kind) \(checked.unit) \(checked.regime) \(checked.period)")
                return cors.json(["id": id, "confirm": "http://\(host)/xac-nhan/\(id)"], status: .created, origin: origin)
            } catch let error as SignServiceError {
                context.logger.notice("sign request refused from \(origin): \(error.logDescription)")
                return cors.json(["error": error.message, "code": error.code.rawValue], status: .badRequest, origin: origin)
            } catch {
                return cors.json(["error": "Yêu cầu ký không đúng định dạng.", "code": SignServiceError.Code.invalidRequest.rawValue],
                                 status: .badRequest, origin: origin)
            }
        }

        router.get("/v1/yeu-cau/:id") { request, context -> Response in
            guard let origin = cors.allowedOrigin(request) else { return cors.refused() }
            switch requests.collect(context.parameters.get("id") ?? "", origin: origin, at: now()) {
            case nil:
                return cors.json(["error": "Không có yêu cầu ký này (đã hết hạn hoặc đã trả kết quả).", "code": SignServiceError.Code.unknownRequest.rawValue],
                                 status: .notFound, origin: origin)
            case .waiting: return cors.json(["state": "waiting"], origin: origin)
            case .declined: return cors.json(["state": "declined"], origin: origin)
            case .signed(let signature):
                return cors.json(["state": "signed", "signature": signature.base64EncodedString(),
                                  "certificates": ([key.certificate] + key.chain).map { $0.der.base64EncodedString() }.joined(separator: ",")],
                                 origin: origin)
            }
        }

        router.get("/xac-nhan/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let entry = requests.entry(id, at: now()) else { return ConfirmationPage.gone() }
            return ConfirmationPage.render(id: id, entry: entry, key: key, error: nil)
        }

        router.post("/xac-nhan/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            // A form only from this very page: the browser's Origin is the service's own.
            guard let host = request.head.authority, request.headers[.origin]?.lowercased() == "http://\(host.lowercased())" else {
                return ConfirmationPage.message(status: .forbidden, title: "Yêu cầu bị từ chối",
                                                text: "Chỉ trang xác nhận của chính dịch vụ ký số mới gửi được mã PIN.")
            }
            let body = try await request.body.collect(upTo: 16_384)
            let form = FormFields(Data(body.readableBytesView))
            guard let entry = requests.entry(id, at: now()), entry.state == .waiting else { return ConfirmationPage.gone() }
            guard let token = form["token"], token == entry.formToken else {
                return ConfirmationPage.message(status: .forbidden, title: "Yêu cầu bị từ chối", text: "Biểu mẫu xác nhận không hợp lệ; hãy mở lại từ trang duyệt báo cáo.")
            }
            if form["action"] == "tu-choi" {
                _ = requests.settle(id, as: .declined)
                context.logger.info("sign request \(id.prefix(8))… declined by the leader")
                return ConfirmationPage.message(status: .ok, title: "Đã không ký", text: "Bạn đã không ký báo cáo này. Có thể đóng cửa sổ này.", id: "khong-ky")
            }
            let pin = form["pin"] ?? ""
            do {
                let signature = try await Task.detached { try key.sign(entry.request.attributes, pin: pin) }.value
                guard requests.settle(id, as: .signed(signature)) else { return ConfirmationPage.gone() }
                context.logger.info("sign request \(id.prefix(8))… signed by \(key.certificate.subject)")
                return ConfirmationPage.message(status: .ok, title: "Đã ký số",
                    text: "Đã ký báo cáo \(entry.request.regime) kỳ \(entry.request.period) của đơn vị \(entry.request.unit). Trang duyệt báo cáo sẽ tự hoàn tất; có thể đóng cửa sổ này.",
                    id: "da-ky")
            } catch let error as SignServiceError {
                context.logger.notice("sign request \(id.prefix(8))…: \(error.logDescription)")
                return ConfirmationPage.render(id: id, entry: entry, key: key, error: error.message, status: .badRequest)
            } catch let error as any CodedError {
                context.logger.error("sign request \(id.prefix(8))… failed: \(error.logDescription)")
                return ConfirmationPage.render(id: id, entry: entry, key: key, error: error.message, status: .internalServerError)
            }
        }
        return router
    }

    /// The service on `configuration`'s host and port; `onRunning` is told the port bound.
    public static func application(configuration: SignServiceConfiguration, key: PersonalKey, logger: Logger,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(configuration: configuration, key: key),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "baocao-sign-service"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
                    logger: logger)
    }

    /// What the approval page sends.
    struct Asked: Decodable {
        let manifest: String
        let signedAttributes: String
    }
}
