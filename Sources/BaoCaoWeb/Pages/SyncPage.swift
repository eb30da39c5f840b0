import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The link with the parent: last contact, what waits to go up and down, a "sync now"
/// button, and the pending bundles as one ZIP file to carry on a USB stick; above them, a
/// banner while the province release in force is past its expiry (``ExpiredRelease``), and
/// one while the last good backup is older than allowed (``BackupFreshness``).
struct SyncPage {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/dong-bo") { _, context in try show(context: context) }
        // The one page that waits on the network, not on a thread: the sync round does its
        // own store work off the cooperative pool.
        router.post("/dong-bo/ngay") { _, context in try await syncNow(context: context) }
        router.postForm("/dong-bo/xuat") { _, context in try export(context: context) }
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
        let rows = postponed.map { bundle in
            SyncView.Postponed(
                shortId: String(bundle.bundleId.prefix(12)) + "…", destination: bundle.destination.rawValue, attempts: bundle.attempts,
                retryAt: bundle.retryAt.map(VietnamTime.displayText) ?? "", answer: bundle.lastAnswer,
                overdue: bundle.unsettledSince.map { $0 <= limit } ?? false,
                unrecognizedSince: bundle.unsettledSince.map(VietnamTime.displayText))
        }
        let refusedFromFeed = try web.work.runtime.refusedFeedItems()
        let refused = refusedFromFeed.latest.map { item in
            SyncView.Refused(shortId: item.bundleId.map { String($0.prefix(12)) + "…" } ?? "(không rõ mã)",
                             sender: item.sender.map { topology.unit(code: $0).map { "\($0.name) (\($0.code))" } ?? $0.rawValue } ?? "không rõ",
                             size: item.size.map { VietnameseNumberFormat.format(ExactDecimal($0)) + " byte" } ?? "",
                             refusedAt: VietnamTime.displayText(item.refusedAt), reason: item.reason)
        }
        let backups = try web.work.runtime.backupFreshness(at: now)
        let software = try SoftwareUpdateService(work: web.work).status()
        let lagging = Set(software.lagging.map(\.code))
        let unitVersions = actor.may(.changeConfiguration) ? software.units.map { unit in
            SyncView.UnitVersion(code: unit.code.rawValue, name: unit.name, version: unit.version?.description ?? "chưa rõ",
                                 seenAt: unit.seenAt.map(VietnamTime.displayText) ?? "chưa đồng bộ",
                                 lagging: lagging.contains(unit.code))
        } : []
        let view = SyncView(
            expiredRelease: try web.work.runtime.expiredRelease(at: now)?.message,
            backupWarning: backups?.warning, lastGoodBackup: backups?.lastGoodText, csrf: context.csrfToken, parent: parent.map { topology.unit(code: $0)?.name ?? $0.rawValue } ?? "(nút cấp cao nhất)",
            lastSync: lastSync.map(VietnamTime.displayText) ?? "chưa liên lạc được lần nào",
            pendingUp: pending.up, pendingDown: pending.down, mayAct: TransferService.mayTransfer(actor),
            hasPostponed: !rows.isEmpty, degraded: rows.contains(where: \.overdue), postponed: rows,
            refusedTotal: refusedFromFeed.total, hasRefused: refusedFromFeed.total > 0, refused: refused,
            softwareRunning: software.running.description,
            softwareWaiting: software.waiting.map { "\($0.version) (\($0.packageName)), nhận lúc \(software.latestReceivedAt.map(VietnamTime.displayText) ?? "")" },
            softwareNotes: software.waiting.flatMap { $0.notes.isEmpty ? nil : $0.notes },
            hasUnitVersions: !unitVersions.isEmpty, unitVersions: unitVersions)
        return try web.pages.page(view, title: "Gửi và đồng bộ", context: context)
    }

    func syncNow(context: WebRequestContext) async throws -> Response {
        let actor = try PageSupport.actor(context)
        guard TransferService.mayTransfer(actor) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền đồng bộ.", log: "\(actor.login) may not sync")
        }
        guard let syncNow = web.syncNow else {
            return PageSupport.redirect(to: "/dong-bo", flash: "Nút này không có cấp trên để đồng bộ.", web, context)
        }
        let text: String
        do {
            text = try await syncNow()
        } catch let error as any CodedError {
            text = "Chưa đồng bộ được: \(error.message) Các gói tin vẫn được giữ và sẽ gửi lại."
        } catch {
            text = "Chưa đồng bộ được với cấp trên (mất kết nối?). Các gói tin vẫn được giữ và sẽ gửi lại; có thể chép qua USB."
        }
        return PageSupport.redirect(to: "/dong-bo", flash: text, web, context)
    }

    /// Every bundle not yet acknowledged by the parent, zipped, as a download.
    func export(context: WebRequestContext) throws -> Response {
        let archive = try TransferService(work: web.work).exportArchive(by: try PageSupport.actor(context), at: Date())
        return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(archive.fileName)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: archive.data)))
    }
}
