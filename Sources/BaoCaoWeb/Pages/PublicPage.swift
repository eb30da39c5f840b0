import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The province's page for citizens, without sign-in (seeds 000 art. 12.3, 002 art. 3.5):
/// the indicators the catalog marks as published, from accepted figures only, with their
/// trend; Vietnamese, with the English names the catalog has.
struct PublicPage {
    let web: WebEnvironment
    /// How many periods each trend shows.
    static let periods = 12
    /// The page reads as a viewer would, and only what the catalog publishes.
    static let publicReader = StaffMember(userId: 0, login: "cong-khai", displayName: "Công chúng", roles: [.viewer])

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/cong-khai") { _, context in try render(context: context) }
    }

    func render(context: WebRequestContext) throws -> Response {
        guard try web.work.runtime.topology().unit(code: web.work.home)?.parentCode == nil else { throw HTTPError(.notFound) }
        let catalog = try web.work.store.catalog()
        let today = VietnamTime.civilDate(at: Date())
        var indicators: [PublicView.Indicator] = []
        for indicator in catalog.indicators where indicator.published {
            guard let regime = catalog.regimes.first(where: { regime in
                regime.type == .periodic && regime.frequency == .monthly
                    && (catalog.form(code: regime.form)?.indicatorCodes.contains(indicator.code) ?? false)
            }) else { continue }
            let thisMonth = try Period.month(today.month, year: today.year)
            let months = try (Period.periods(of: .monthly, in: today.year - 1) + Period.periods(of: .monthly, in: today.year))
                .filter { $0 <= thisMonth }
                .suffix(Self.periods)
            // Months before the 2025 reform are carried from the former units, the inexact ones marked.
            let points = try web.consolidation.figures(regime: regime.code, periods: Array(months), by: Self.publicReader).map { month in
                SVGChart.Point(label: month.period.id, value: month.values[ValueKey(indicator.code)],
                               note: month.isComparable(indicator.code) ? nil : month.note(for: indicator.code))
            }
            guard let latest = points.last(where: { $0.value != nil }) else { continue }
            indicators.append(PublicView.Indicator(
                name: indicator.name, nameEn: indicator.nameEn, unit: indicator.unitOfMeasure, latestPeriod: latest.label,
                latestValue: PageSupport.number(latest.value),
                chart: SVGChart.line(Array(points), title: indicator.name + (indicator.nameEn.map { " / \($0)" } ?? ""))))
        }
        return try web.pages.page(PublicView(unitName: web.pages.unitName, indicators: indicators), title: "Số liệu công khai",
                                  context: context, headers: [.cacheControl: "public, max-age=300"])
    }
}
