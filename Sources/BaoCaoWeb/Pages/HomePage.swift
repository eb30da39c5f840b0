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
        router.postForm("/bang-dieu-khien/them") { form, context in try addToDashboard(form, context: context) }
        router.postForm("/bang-dieu-khien/xoa") { form, context in try removeFromDashboard(form, context: context) }
    }

    /// Puts an indicator of a regime on the unit's dashboard: `muc` is `REGIME/INDICATOR`.
    func addToDashboard(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let choice = (form["muc"] ?? "").split(separator: "/", maxSplits: 1).map(String.init)
        guard choice.count == 2, let chart = DashboardChart(rawValue: form["bieu-do"] ?? "") else {
            throw ServiceError(.invalidInput, message: "Hãy chọn một chỉ tiêu và một kiểu biểu đồ.", log: "dashboard form incomplete")
        }
        try web.dashboard.add(regime: try RegimeCode(parsing: choice[0]), indicator: choice[1], chart: chart, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/#bang-dieu-khien", flash: "Đã thêm chỉ tiêu \(choice[1]) vào bảng điều khiển của đơn vị.", web, context)
    }

    func removeFromDashboard(_ form: FormBody, context: WebRequestContext) throws -> Response {
        guard let id = Int64(form["id"] ?? "") else {
            throw ServiceError(.invalidInput, message: "Không rõ mục nào cần bỏ khỏi bảng điều khiển.", log: "dashboard remove without id")
        }
        try web.dashboard.remove(id, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/#bang-dieu-khien", flash: "Đã bỏ mục khỏi bảng điều khiển của đơn vị.", web, context)
    }

    /// The unit's own dashboard: each chosen indicator over its recent periods, drawn as chosen.
    func dashboardCharts(_ actor: StaffMember) throws -> [HomeView.ChartPanel] {
        try web.dashboard.series(by: actor).map { series in
            let points = series.points.map { SVGChart.Point(label: $0.period.id, value: $0.value) }
            let title = "\(series.indicatorName) (\(series.unitOfMeasure))"
            let svg = series.item.chart == .line ? SVGChart.line(points, title: title) : SVGChart.bars(points, title: title)
            return .init(id: String(series.item.id ?? 0), svg: svg,
                         caption: "\(series.item.indicatorCode) \(series.indicatorName) (\(series.unitOfMeasure)) — \(series.regimeName)"
                             + (points.isEmpty ? ": chưa có báo cáo nào của đơn vị" : ", \(points.count) kỳ gần nhất"))
        }
    }

    /// Every numeric indicator of each regime's form, to choose from.
    func dashboardChoices() throws -> [HomeView.DashboardChoice] {
        let catalog = try web.work.store.catalog()
        return catalog.regimes.compactMap { regime in
            guard let form = catalog.form(code: regime.form) else { return nil }
            let options = form.indicatorCodes.compactMap { code -> HomeView.DashboardChoice.Option? in
                guard let indicator = catalog.indicator(code: code), indicator.valueType.isNumeric else { return nil }
                return .init(value: "\(regime.code)/\(code)", label: "\(code) \(indicator.name) (\(indicator.unitOfMeasure))")
            }
            return options.isEmpty ? nil : .init(regimeName: regime.name, options: options)
        }
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
        let charts = try dashboardCharts(actor)
        let mayArrange = actor.may(.arrangeDashboard)
        let view = HomeView(csrf: context.csrfToken, dashboard: charts, hasDashboard: !charts.isEmpty, mayArrange: mayArrange,
                            choices: mayArrange ? try dashboardChoices() : [],
                            chartKinds: DashboardChart.allCases.map { .init(value: $0.rawValue, label: $0.displayName) },
                            returned: returned.isEmpty ? nil : .init(items: returned),
                            returnedSections: sections, hasReturnedSections: !sections.isEmpty,
                            unreadNotices: unread > 0 ? unread : nil, obligations: rows, hasObligations: !rows.isEmpty)
        return try web.pages.page(view, title: "Việc cần làm", context: context)
    }

    /// A regime's name as the obligations give it, else its code.
    private func catalogName(_ regime: RegimeCode, _ obligations: [Obligation]) -> String {
        obligations.first { $0.regime.code == regime }?.regime.name ?? regime.rawValue
    }
}
