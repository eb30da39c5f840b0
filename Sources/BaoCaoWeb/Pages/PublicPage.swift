import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The province's page for citizens, without sign-in (seeds 000 art. 12.3, 002 art. 3.5):
/// the indicators the catalog marks as published, from what the province's publisher
/// reviewed and published only (``PublicationService``) — never live totals, a draft or a
/// period not yet published —, each period with the date it was published and how many
/// units its figures rest on, corrections saying what changed; Vietnamese, with the
/// English names the catalog has.
struct PublicPage {
    let web: WebEnvironment
    /// How many periods each trend shows.
    static let periods = 12

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/cong-khai") { _, context in try render(context: context) }
    }

    func render(context: WebRequestContext) throws -> Response {
        guard try web.work.runtime.topology().unit(code: web.work.home)?.parentCode == nil else { throw HTTPError(.notFound) }
        let catalog = try web.work.store.catalog()
        let service = PublicationService(work: web.work, calendar: web.calendar)
        var published: [RegimeCode: [Publication]] = [:]
        var indicators: [PublicView.Indicator] = []
        for indicator in catalog.indicators where indicator.published {
            guard let regime = catalog.regimes.first(where: { regime in
                regime.type == .periodic && regime.frequency == .monthly
                    && (catalog.form(code: regime.form)?.indicatorCodes.contains(indicator.code) ?? false)
            }) else { continue }
            if published[regime.code] == nil { published[regime.code] = try service.published(regime: regime.code) }
            let publications = Array((published[regime.code] ?? []).suffix(Self.periods))
            let key = ValueKey(indicator.code)
            let points = publications.map { SVGChart.Point(label: $0.period.id, value: $0.values[key], note: nil) }
            guard let latest = publications.last(where: { $0.values[key] != nil }) else { continue }
            indicators.append(PublicView.Indicator(
                name: indicator.name, nameEn: indicator.nameEn, unit: indicator.unitOfMeasure, latestPeriod: latest.period.id,
                latestValue: PageSupport.number(latest.values[key]),
                published: latest.vietnameseTitle, completeness: latest.completeness.vietnameseText,
                correction: latest.changes.first { $0.key == key }.map { "đính chính: \($0.vietnameseText)" },
                chart: SVGChart.line(points, title: indicator.name + (indicator.nameEn.map { " / \($0)" } ?? ""))))
        }
        let publications = published.keys.sorted().flatMap { code in
            (published[code] ?? []).suffix(Self.periods).reversed().map { p in
                PublicView.Publication(regime: catalog.regime(code: code)?.name ?? code.rawValue, period: p.period.id, title: p.vietnameseTitle,
                                       completeness: p.completeness.vietnameseText, reason: p.reason,
                                       changes: p.changes.isEmpty ? nil : p.changes.map(\.vietnameseText).joined(separator: "; "))
            }
        }
        return try web.pages.page(PublicView(unitName: web.pages.unitName, indicators: indicators, publications: publications),
                                  title: "Số liệu công khai", context: context, headers: [.cacheControl: "public, max-age=300"])
    }
}
