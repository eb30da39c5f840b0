import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The receiver's side: reports received by regime and period, assigned to named staff;
/// one report with its signature checked again; accept, or return with a reason; open and
/// close the receiving window.
struct InboxPages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/hop-thu") { request, context in try list(request, context: context) }
        router.getPage("/hop-thu/:id") { _, context in try show(context: context) }
        router.postForm("/hop-thu/:id/chap-nhan") { _, context in try accept(context: context) }
        router.postForm("/hop-thu/:id/tra-lai") { form, context in try giveBack(form, context: context) }
        router.postForm("/hop-thu/:id/phan-cong") { form, context in try assign(form, context: context) }
        router.postForm("/hop-thu/tiep-nhan") { form, context in try window(form, context: context) }
        router.postForm("/hop-thu/chap-nhan-tat-ca") { form, context in try acceptAll(form, context: context) }
    }

    func list(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let regime = try PageSupport.query(request, "regime", as: RegimeCode.self)
        let period = try PageSupport.query(request, "period", as: Period.self)
        let topology = try web.work.runtime.topology()
        let items = try web.inbox.list(regime: regime, period: period, by: actor).map { entry in
            let r = entry.report
            return InboxView.Item(id: String(r.id ?? 0), unit: r.unitCode.rawValue, unitName: topology.unit(code: r.unitCode)?.name ?? r.unitCode.rawValue,
                                  regime: r.regimeCode.rawValue, period: r.period.id, revision: r.revision, received: PageSupport.time(r.receivedAt),
                                  state: r.state.displayName, late: r.late, assignee: r.assignedTo ?? "—")
        }
        let regimes = try web.work.store.catalog().regimes.map { InboxView.RegimeChoice(code: $0.code.rawValue, selected: $0.code == regime) }
        let announcements = try regime.flatMap { regime in
            try period.map { try web.windows.announcements(regime: regime, period: $0, by: actor).map(\.vietnameseText) }
        } ?? []
        let view = InboxView(
            csrf: context.csrfToken, regimes: regimes, regime: regime?.rawValue ?? "", period: period?.id ?? "", items: items, hasItems: !items.isEmpty,
            // "Accept all" once the list is one regime and period with reports still waiting.
            mayAcceptAll: regime != nil && period != nil && actor.may(.decideIncoming)
                && items.contains { $0.state == ReportState.received.displayName },
            mayManageWindow: actor.may(.manageWindow), announcements: announcements, hasAnnouncements: !announcements.isEmpty)
        return try web.pages.page(view, title: "Báo cáo đến", context: context)
    }

    func show(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let id = try PageSupport.id(context)
        let details = try web.reports.details(report: id, by: actor)
        let r = details.report
        guard r.unitCode != web.work.home, r.relayedFor == nil else { throw HTTPError(.notFound) }
        let catalog = try web.work.store.catalog()
        let topology = try web.work.runtime.topology()
        let files = ReportPages.attachmentRows(try web.reports.attachments(report: id, by: actor), report: id)
        let signature = try signatureCheck(of: r)
        let staff = actor.may(.assignIncoming) ? try web.inbox.assignableStaff(by: actor) : []
        let view = InboxReportView(
            csrf: context.csrfToken, id: String(id), unit: r.unitCode.rawValue, unitName: topology.unit(code: r.unitCode)?.name ?? r.unitCode.rawValue,
            regimeName: catalog.regime(code: r.regimeCode)?.name ?? r.regimeCode.rawValue, period: r.period.id, revision: r.revision,
            state: r.state.displayName, late: r.late, receivedAt: PageSupport.time(r.receivedAt),
            signedAt: PageSupport.time(r.signedAt),
            signingTimeNote: web.completeness.policy.arrivalNote(signedAt: r.signedAt, receivedAt: r.receivedAt), bundleId: r.bundleId ?? "—",
            signer: signature.signer, fingerprint: signature.fingerprint, personalSigner: signature.personal?.summary,
            personalFingerprint: signature.personal?.certificate.fingerprint, verified: signature.verified, verifiedClass: signature.verifiedClass,
            rows: (details.form?.indicatorCodes ?? []).map { code in
                let indicator = catalog.indicator(code: code)
                return .init(code: code, name: indicator?.name ?? "", unit: indicator?.unitOfMeasure ?? "",
                             value: PageSupport.display(details.values[ValueKey(code)]))
            },
            narrative: r.narrative.isEmpty ? nil : r.narrative, attachments: files, hasAttachments: !files.isEmpty,
            mayDecide: r.state == .received && actor.may(.decideIncoming),
            mayAssign: r.state == .received && actor.may(.assignIncoming),
            staff: staff.map { .init(login: $0.login, name: $0.displayName) })
        return try web.pages.page(view, title: "Báo cáo của \(r.unitCode)", context: context)
    }

    /// The signature of a received report, checked again now against what the node trusts,
    /// as of when it arrived here (a certificate revoked since does not undo it).
    private func signatureCheck(of r: ReportRecord) throws
        -> (signer: String?, fingerprint: String?, personal: PersonalSignature?, verified: String, verifiedClass: String) {
        guard let bundleId = r.bundleId, let bytes = try? web.work.runtime.files.read(bundleId) else {
            return (nil, nil, nil, "Không tìm thấy gói tin đã ký", "bad")
        }
        switch try web.work.runtime.ingestor().trust.verifier.verify(bytes, now: Date(), arrivedAt: r.receivedAt) {
        case .valid(let bundle):
            let both = bundle.personalSignature == nil ? "Chữ ký của đơn vị hợp lệ" : "Chữ ký cá nhân và chữ ký của đơn vị hợp lệ"
            let revocation = bundle.revocation.map(\.summary).joined(separator: "; ")
            return (bundle.signer.subject, bundle.signer.fingerprint, bundle.personalSignature,
                    "\(both), chứng thư thuộc \(r.unitCode), nội dung toàn vẹn; \(revocation)", "ok")
        case .refused(let error), .premature(let error, _):
            return (nil, nil, nil, "Không kiểm tra được: \(error.message)", "bad")
        }
    }

    func accept(context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        try web.inbox.accept(report: id, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/hop-thu/\(id)", flash: "Đã chấp nhận báo cáo; quyết định đã ký số và sẽ gửi xuống đơn vị.", web, context)
    }

    func acceptAll(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let regime = try PageSupport.field(form, "regime", as: RegimeCode.self)
        let period = try PageSupport.field(form, "period", as: Period.self)
        let count = try web.inbox.acceptAll(regime: regime, period: period, by: try PageSupport.actor(context), at: Date())
        let target = "/hop-thu?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))"
        return PageSupport.redirect(to: target, flash: count == 0 ? "Không có báo cáo nào đang chờ chấp nhận."
            : "Đã chấp nhận \(count) báo cáo của \(regime) kỳ \(period); các quyết định đã ký số và sẽ gửi xuống đơn vị.", web, context)
    }

    func giveBack(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        try web.inbox.giveBack(report: id, reason: form["reason"] ?? "", by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/hop-thu/\(id)", flash: "Đã trả lại báo cáo kèm lý do; đơn vị sẽ nhận được ở lần đồng bộ tới.", web, context)
    }

    func assign(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        try web.inbox.assign(report: id, to: form["login"] ?? "", by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/hop-thu/\(id)", flash: "Đã phân công.", web, context)
    }

    func window(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let regime = try PageSupport.field(form, "regime", as: RegimeCode.self)
        let period = try PageSupport.field(form, "period", as: Period.self)
        if form["action"] == "extend" {
            guard let until = VietnamTime.instant(localText: form["until"] ?? "") else {
                throw ServiceError(.invalidInput, message: "Thời điểm gia hạn phải có dạng ngày và giờ, ví dụ 2026-06-20T17:00 (giờ Việt Nam).",
                                   log: "bad extension time")
            }
            guard let date = try? CivilDate(parsing: form["date"] ?? "") else {
                throw ServiceError(.invalidInput, message: "Ngày của văn bản gia hạn phải có dạng YYYY-MM-DD.", log: "bad extension document date")
            }
            try web.windows.extend(regime: regime, period: period, until: until,
                                   document: .init(number: form["number"] ?? "", date: date, reason: form["reason"] ?? ""), by: actor, at: Date())
            return PageSupport.redirect(to: "/hop-thu?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period))",
                                        flash: "Đã gia hạn tiếp nhận \(regime) kỳ \(period) đến \(VietnamTime.displayText(until)); thông báo được gửi xuống các đơn vị.",
                                        web, context)
        }
        if form["action"] == "close" {
            let number = try web.windows.close(regime: regime, period: period, by: actor, at: Date())
            return PageSupport.redirect(to: "/hop-thu", flash: "Đã đóng tiếp nhận \(regime) kỳ \(period); đã chốt số liệu lần \(number).", web, context)
        }
        try web.windows.open(regime: regime, period: period, by: actor, at: Date())
        return PageSupport.redirect(to: "/hop-thu", flash: "Đã mở tiếp nhận \(regime) kỳ \(period).", web, context)
    }
}
