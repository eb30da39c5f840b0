import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB
import Hummingbird

/// The receiver's side: reports received by regime and period, assigned to named staff;
/// one report with its signature checked again; accept, or return with a reason; open and
/// close the receiving window.
struct InboxPages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.get("/hop-thu") { request, context in try list(request, context: context) }
        router.get("/hop-thu/:id") { _, context in try show(context: context) }
        router.post("/hop-thu/:id/chap-nhan") { _, context in try await accept(context: context) }
        router.post("/hop-thu/:id/tra-lai") { request, context in try await giveBack(request, context: context) }
        router.post("/hop-thu/:id/phan-cong") { request, context in try await assign(request, context: context) }
        router.post("/hop-thu/tiep-nhan") { request, context in try await window(request, context: context) }
        router.post("/hop-thu/chap-nhan-tat-ca") { request, context in try await acceptAll(request, context: context) }
    }

    func list(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let regime = PageSupport.query(request, "regime"), period = PageSupport.query(request, "period")
        let topology = try web.work.runtime.topology()
        let items = try web.inbox.list(regime: regime, period: period, by: actor).map { entry -> [String: Any] in
            let r = entry.report
            return ["id": String(r.id ?? 0), "unit": r.unitCode, "unitName": topology.unit(code: r.unitCode)?.name ?? r.unitCode,
                    "regime": r.regimeCode, "period": r.period, "revision": r.revision, "received": PageSupport.time(r.receivedAt),
                    "state": r.state.displayName, "late": r.late, "assignee": r.assignedTo ?? "—"]
        }
        let regimes = try web.work.store.catalog().regimes.map { ["code": $0.code, "selected": $0.code == regime] as [String: Any] }
        return try web.pages.page("inbox", title: "Báo cáo đến", data: [
            "items": items, "hasItems": !items.isEmpty, "regimes": regimes, "period": period ?? "",
            "mayManageWindow": actor.may(.manageWindow),
            // "Accept all" once the list is one regime and period with reports still waiting.
            "mayAcceptAll": regime != nil && !(period ?? "").isEmpty && actor.may(.decideIncoming)
                && items.contains { $0["state"] as? String == ReportState.received.displayName },
            "regime": regime ?? "",
        ], context: context)
    }

    func show(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let id = try PageSupport.id(context)
        let details = try web.reports.details(report: id, by: actor)
        let r = details.report
        guard r.unitCode != web.work.home, r.relayedFor == nil else { throw HTTPError(.notFound) }
        let catalog = try web.work.store.catalog()
        let topology = try web.work.runtime.topology()
        var data: [String: Any] = [
            "id": String(id), "unit": r.unitCode, "unitName": topology.unit(code: r.unitCode)?.name ?? r.unitCode,
            "regimeName": catalog.regime(code: r.regimeCode)?.name ?? r.regimeCode, "period": r.period, "revision": r.revision,
            "state": r.state.displayName, "late": r.late, "receivedAt": PageSupport.time(r.receivedAt),
            "signedAt": PageSupport.time(r.signedAt), "bundleId": r.bundleId ?? "—",
            "mayDecide": r.state == .received && actor.may(.decideIncoming),
            "mayAssign": r.state == .received && actor.may(.assignIncoming),
            "rows": (details.form?.indicatorCodes ?? []).map { code -> [String: Any] in
                let indicator = catalog.indicator(code: code)
                return ["code": code, "name": indicator?.name ?? "", "unit": indicator?.unitOfMeasure ?? "",
                        "value": PageSupport.display(details.values[ValueKey(code)])]
            },
        ]
        if !r.narrative.isEmpty { data["narrative"] = r.narrative }
        let files = ReportPages.attachmentRows(try web.reports.attachments(report: id, by: actor), report: id)
        data["attachments"] = files
        data["hasAttachments"] = !files.isEmpty
        // The signature, checked again now against what the node trusts.
        if let bundleId = r.bundleId, let bytes = try? web.work.runtime.files.read(bundleId) {
            switch try web.work.runtime.ingestor().trust.verifier.verify(bytes, now: Date()) {
            case .valid(let bundle):
                data["signer"] = bundle.signer.subject
                data["fingerprint"] = bundle.signer.fingerprint
                data["verified"] = "Chữ ký hợp lệ, chứng thư thuộc \(r.unitCode), nội dung toàn vẹn"
                data["verifiedClass"] = "ok"
            case .refused(let error), .premature(let error, _):
                data["verified"] = "Không kiểm tra được: \(error.message)"
                data["verifiedClass"] = "bad"
            }
        } else {
            data["verified"] = "Không tìm thấy gói tin đã ký"
            data["verifiedClass"] = "bad"
        }
        if actor.may(.assignIncoming) {
            data["staff"] = try web.work.store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT login, displayName FROM user WHERE locked = 0 ORDER BY login")
                    .map { ["login": $0["login"] as String, "name": $0["displayName"] as String] }
            }
        }
        return try web.pages.page("inbox-report", title: "Báo cáo của \(r.unitCode)", data: data, context: context)
    }

    func accept(context: WebRequestContext) async throws -> Response {
        let id = try PageSupport.id(context)
        try web.inbox.accept(report: id, by: try PageSupport.actor(context), at: Date())
        return await PageSupport.redirect(to: "/hop-thu/\(id)", flash: "Đã chấp nhận báo cáo; quyết định đã ký số và sẽ gửi xuống đơn vị.", web, context)
    }

    func acceptAll(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let (regime, period) = (form["regime"] ?? "", form["period"] ?? "")
        let count = try web.inbox.acceptAll(regime: regime, period: period, by: try PageSupport.actor(context), at: Date())
        let target = "/hop-thu?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))"
        return await PageSupport.redirect(to: target, flash: count == 0 ? "Không có báo cáo nào đang chờ chấp nhận."
            : "Đã chấp nhận \(count) báo cáo của \(regime) kỳ \(period); các quyết định đã ký số và sẽ gửi xuống đơn vị.", web, context)
    }

    func giveBack(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let id = try PageSupport.id(context)
        let form = try await FormBody.read(&request, context: context)
        try web.inbox.giveBack(report: id, reason: form["reason"] ?? "", by: try PageSupport.actor(context), at: Date())
        return await PageSupport.redirect(to: "/hop-thu/\(id)", flash: "Đã trả lại báo cáo kèm lý do; đơn vị sẽ nhận được ở lần đồng bộ tới.", web, context)
    }

    func assign(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let id = try PageSupport.id(context)
        let form = try await FormBody.read(&request, context: context)
        try web.inbox.assign(report: id, to: form["login"] ?? "", by: try PageSupport.actor(context), at: Date())
        return await PageSupport.redirect(to: "/hop-thu/\(id)", flash: "Đã phân công.", web, context)
    }

    func window(_ request: Request, context: WebRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let actor = try PageSupport.actor(context)
        let (regime, period) = (form["regime"] ?? "", form["period"] ?? "")
        if form["action"] == "close" {
            let number = try web.windows.close(regime: regime, period: period, by: actor, at: Date())
            return await PageSupport.redirect(to: "/hop-thu", flash: "Đã đóng tiếp nhận \(regime) kỳ \(period); đã chốt số liệu lần \(number).", web, context)
        }
        try web.windows.open(regime: regime, period: period, by: actor, at: Date())
        return await PageSupport.redirect(to: "/hop-thu", flash: "Đã mở tiếp nhận \(regime) kỳ \(period).", web, context)
    }
}
