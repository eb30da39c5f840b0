import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB
import Hummingbird

/// The link with the parent: last contact, what waits to go up and down, a "sync now"
/// button, and the pending bundles as one ZIP file to carry on a USB stick.
struct SyncPage {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.get("/dong-bo") { _, context in try show(context: context) }
        router.post("/dong-bo/ngay") { _, context in try await syncNow(context: context) }
        router.post("/dong-bo/xuat") { _, context in try export(context: context) }
    }

    func show(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let store = web.work.store
        let pending = try store.pendingCounts()
        let topology = try web.work.runtime.topology()
        let parent = topology.unit(code: web.work.home)?.parentCode
        let lastSync = try store.value(of: .lastSync).flatMap { try? Date($0, strategy: .iso8601) }
        let now = Date()
        let postponed = try web.work.runtime.postponedBundles()
        let limit = now.addingTimeInterval(-NodeRuntime.unsettledLimit)
        let rows: [[String: Any]] = postponed.map { bundle in
            var row: [String: Any] = [
                "shortId": String(bundle.bundleId.prefix(12)) + "…", "destination": bundle.destination, "attempts": bundle.attempts,
                "retryAt": bundle.retryAt.map(VietnamTime.displayText) ?? "", "answer": bundle.lastAnswer,
                "overdue": bundle.unsettledSince.map { $0 <= limit } ?? false,
            ]
            if let since = bundle.unsettledSince { row["unrecognizedSince"] = VietnamTime.displayText(since) }
            return row
        }
        return try web.pages.page("sync", title: "Gửi và đồng bộ", data: [
            "hasPostponed": !rows.isEmpty, "postponed": rows, "degraded": postponed.contains { $0.unsettledSince.map { $0 <= limit } ?? false },
            "parent": parent.map { topology.unit(code: $0)?.name ?? $0 } ?? "(nút cấp cao nhất)",
            "lastSync": lastSync.map(VietnamTime.displayText) ?? "chưa liên lạc được lần nào",
            "pendingUp": pending.up, "pendingDown": pending.down,
            "mayAct": actor.may(.sendReport) || actor.may(.changeConfiguration),
        ], context: context)
    }

    func syncNow(context: WebRequestContext) async throws -> Response {
        let actor = try PageSupport.actor(context)
        guard actor.may(.sendReport) || actor.may(.changeConfiguration) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền đồng bộ.", log: "\(actor.login) may not sync")
        }
        guard let syncNow = web.syncNow else {
            return await PageSupport.redirect(to: "/dong-bo", flash: "Nút này không có cấp trên để đồng bộ.", web, context)
        }
        let text: String
        do {
            text = try await syncNow()
        } catch let error as any CodedError {
            text = "Chưa đồng bộ được: \(error.message) Các gói tin vẫn được giữ và sẽ gửi lại."
        } catch {
            text = "Chưa đồng bộ được với cấp trên (mất kết nối?). Các gói tin vẫn được giữ và sẽ gửi lại; có thể chép qua USB."
        }
        return await PageSupport.redirect(to: "/dong-bo", flash: text, web, context)
    }

    /// Every bundle not yet acknowledged by the parent, zipped, as a download.
    func export(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard actor.may(.sendReport) || actor.may(.changeConfiguration) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xuất gói tin.", log: "\(actor.login) may not export")
        }
        let (data, count) = try USBTransfer(store: web.work.store, files: web.work.runtime.files).exportArchive(folder: "baocao-\(web.work.home)")
        try web.work.store.writer.write { db in
            try AuditLog.append(db, actor: actor, action: .bundlesExported, object: "web", detail: "\(count) gói tin", at: Date())
        }
        let day = VietnamTime.civilDate(at: Date())
        let name = String(format: "baocao-%@-%04d%02d%02d.zip", web.work.home, day.year, day.month, day.day)
        return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
