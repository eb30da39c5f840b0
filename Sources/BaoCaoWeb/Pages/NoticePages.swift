import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// Reminders and window announcements from above, unread first; and, for the aggregator,
/// reminders down to the units that have not reported.
struct NoticePages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/thong-bao") { _, context in try list(context: context) }
        router.postForm("/thong-bao/da-doc") { _, context in try markRead(context: context) }
        router.postForm("/thong-bao/don-doc") { form, context in try remind(form, context: context) }
    }

    func list(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let topology = try web.work.runtime.topology()
        let notices = try web.notices.received(by: actor)
        let items = notices.map { n in
            NoticesView.Item(kind: n.kind.vietnameseName.capitalized(with: Locale(identifier: "vi")), at: PageSupport.time(n.sentAt),
                             sender: topology.unit(code: n.sender)?.name ?? n.sender.rawValue, text: n.text, unread: n.readAt == nil)
        }
        let view = NoticesView(csrf: context.csrfToken, items: items, hasUnread: notices.contains { $0.readAt == nil },
                               maySend: actor.may(.sendNotice),
                               regimes: try web.work.store.catalog().regimes.map { NoticesView.Regime(code: $0.code.rawValue) })
        return try web.pages.page(view, title: "Thông báo", context: context)
    }

    func markRead(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let unread = try web.notices.received(by: actor).filter { $0.readAt == nil }.compactMap(\.id)
        try web.notices.markRead(unread, by: actor, at: Date())
        return PageSupport.redirect(to: "/thong-bao", flash: "Đã đánh dấu đã đọc.", web, context)
    }

    func remind(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let regime = try PageSupport.field(form, "regime", as: RegimeCode.self)
        let period = try PageSupport.field(form, "period", as: Period.self)
        let units = try web.notices.remind(regime: regime, period: period, by: try PageSupport.actor(context), at: Date())
        let text = units.isEmpty ? "Mọi đơn vị đã gửi; không cần nhắc." : "Đã gửi nhắc nhở tới \(units.count) đơn vị: \(units.map(\.rawValue).joined(separator: ", "))."
        return PageSupport.redirect(to: "/thong-bao", flash: text, web, context)
    }
}
