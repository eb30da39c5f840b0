import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import Hummingbird

/// The publisher's pages (seed 000 art. 12.3): a regime-period's latest frozen figures with
/// the completeness behind them and what would change from the publication in force;
/// freezing new figures, publishing them, publishing a correction with its reason. Only
/// what is published here appears on `/cong-khai`.
struct PublishingPages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/cong-bo") { _, context in try page(regime: nil, period: nil, context: context) }
        router.getPage("/cong-bo/xem") { request, context in
            guard let regime = try PageSupport.query(request, "regime", as: RegimeCode.self),
                  let period = try PageSupport.query(request, "period", as: Period.self) else { throw HTTPError(.badRequest) }
            return try page(regime: regime, period: period, context: context)
        }
        router.postForm("/cong-bo/chot") { form, context in try freeze(form, context: context) }
        router.postForm("/cong-bo/cong-bo") { form, context in try publish(form, context: context) }
    }

    var service: PublicationService { PublicationService(work: web.work, calendar: web.calendar) }

    static func href(_ regime: RegimeCode, _ period: Period) -> String {
        "/cong-bo/xem?regime=\(PageSupport.urlQuery(regime))&period=\(PageSupport.urlQuery(period.id))"
    }

    func page(regime: RegimeCode?, period: Period?, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        try service.requirePublisher(actor)
        let catalog = try web.work.store.catalog()
        let regimes = catalog.regimes.filter { $0.type == .periodic }.map {
            PublishingView.Regime(code: $0.code.rawValue, name: $0.name, selected: $0.code == regime)
        }
        let today = VietnamTime.civilDate(at: Date())
        let previous = today.month == 1 ? String(format: "%04d-12", today.year - 1) : String(format: "%04d-%02d", today.year, today.month - 1)
        guard let regime, let period else {
            let view = PublishingView(csrf: context.csrfToken, regimes: regimes, regime: "", period: previous, chosen: false, snapshotNumber: nil,
                                      snapshotTaken: nil, rows: [], hasRows: false, completeness: nil, refusal: nil, mayPublish: false,
                                      isCorrection: false, changes: [], history: [])
            return try web.pages.page(view, title: "Công bố số liệu", context: context)
        }
        let review = try service.review(regime: regime, period: period, by: actor, at: Date())
        let current = review.current?.values ?? [:]
        let rows = (review.snapshot?.values ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            let indicator = catalog.indicator(code: key.indicator)
            return PublishingView.Row(key: key.description, name: indicator?.name ?? "", unit: indicator?.unitOfMeasure ?? "",
                                      value: PageSupport.number(value),
                                      old: review.current == nil || current[key] == value ? nil : (current[key].map(PageSupport.number) ?? "—"))
        }
        let history = try service.publications(regime: regime, period: period).reversed().map { p in
            PublishingView.Published(title: p.vietnameseTitle.prefix(1).uppercased() + p.vietnameseTitle.dropFirst(), by: p.publishedBy,
                                     completeness: p.completeness.vietnameseText, reason: p.reason,
                                     changes: p.changes.map { .init(text: $0.vietnameseText) }, hasChanges: !p.changes.isEmpty)
        }
        let view = PublishingView(
            csrf: context.csrfToken, regimes: regimes, regime: regime.rawValue, period: period.id, chosen: true,
            snapshotNumber: review.snapshot?.number, snapshotTaken: review.snapshot.map { "\(PageSupport.time($0.takenAt)) (\($0.cause))" },
            rows: rows, hasRows: !rows.isEmpty, completeness: review.completeness?.vietnameseText, refusal: review.refusal,
            mayPublish: review.refusal == nil && review.snapshot != nil, isCorrection: review.current != nil,
            changes: review.changes.map { .init(text: $0.vietnameseText) }, history: Array(history))
        return try web.pages.page(view, title: "Công bố số liệu \(regime) kỳ \(period.id)", context: context)
    }

    func freeze(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let regime = try PageSupport.field(form, "regime", as: RegimeCode.self)
        let period = try PageSupport.field(form, "period", as: Period.self)
        let number = try service.freeze(regime: regime, period: period, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: Self.href(regime, period), flash: "Đã chốt số liệu: số liệu chốt số \(number). Hãy xem lại trước khi công bố.",
                                    web, context)
    }

    func publish(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let regime = try PageSupport.field(form, "regime", as: RegimeCode.self)
        let period = try PageSupport.field(form, "period", as: Period.self)
        guard let snapshot = Int(form["snapshot"] ?? "") else {
            throw ServiceError(.invalidInput, message: "Thiếu số của số liệu chốt đã xem xét.", log: "publish: no snapshot number")
        }
        let published = try service.publish(regime: regime, period: period, snapshot: snapshot, reason: form["reason"],
                                            by: try PageSupport.actor(context), at: Date())
        var flash = "Đã \(published.vietnameseTitle): \(published.completeness.vietnameseText)."
        if published.isCorrection {
            flash += published.changes.isEmpty ? " Không có số liệu nào thay đổi." : " Thay đổi: " + published.changes.map(\.vietnameseText).joined(separator: "; ") + "."
        }
        return PageSupport.redirect(to: Self.href(regime, period), flash: flash, web, context)
    }
}
