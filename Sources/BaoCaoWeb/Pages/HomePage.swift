import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The first page after sign-in: what was returned and why, first; then every report the
/// unit must send, with its deadline and days left, what is overdue standing out.
struct HomePage {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/") { _, context in try render(context: context) }
    }

    func render(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let obligations = try web.obligations.obligations(by: actor, at: Date())
        let returned = obligations.filter(\.isReturned).compactMap { o -> HomeView.Returned.Item? in
            guard let latest = o.latest else { return nil }
            return .init(regimeName: o.regime.name, regime: o.regime.code.rawValue, period: o.period.id, revision: latest.revision,
                         reason: latest.reason ?? "", nextRevision: latest.revision + 1)
        }
        let rows = obligations.map { o in
            HomeView.Obligation(
                regimeName: o.regime.name, regime: o.regime.code.rawValue, period: o.period.id, receiver: o.receiver.name,
                due: PageSupport.day(o.deadline.dueDate),
                daysText: o.isDelivered ? "—" : o.daysLeft >= 0 ? "còn \(o.daysLeft) ngày" : "quá hạn \(-o.daysLeft) ngày",
                status: o.latest.map { "Lần \($0.revision): \($0.state.displayName)" } ?? (o.isOverdue ? "Chưa lập — QUÁ HẠN" : "Chưa lập"),
                rowClass: o.isReturned ? "returned" : o.isOverdue ? "overdue" : "",
                reportId: o.latest.flatMap { $0.state == .returned ? nil : $0.id.map(String.init) })
        }
        // Sections the leader returned inside the unit (seed 002 art. 12.4a), with why.
        let sections = try web.reports.returnedSections(by: actor).map { r in
            HomeView.ReturnedSection(reportId: String(r.report.id ?? 0), regimeName: catalogName(r.report.regimeCode, obligations),
                                     period: r.report.period.id, title: r.title, reason: r.sectionReturn.reason, by: r.sectionReturn.returnedBy)
        }
        let unread = try web.notices.received(by: actor).filter { $0.readAt == nil }.count
        let view = HomeView(csrf: context.csrfToken, returned: returned.isEmpty ? nil : .init(items: returned),
                            returnedSections: sections, hasReturnedSections: !sections.isEmpty,
                            unreadNotices: unread > 0 ? unread : nil, obligations: rows, hasObligations: !rows.isEmpty)
        return try web.pages.page(view, title: "Việc cần làm", context: context)
    }

    /// A regime's name as the obligations give it, else its code.
    private func catalogName(_ regime: RegimeCode, _ obligations: [Obligation]) -> String {
        obligations.first { $0.regime.code == regime }?.regime.name ?? regime.rawValue
    }
}
