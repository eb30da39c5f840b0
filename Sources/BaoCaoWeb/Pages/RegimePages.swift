import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Hummingbird

/// `/che-do`: the regimes the province's rules set (seed 000 art. 5; seed 002 art. 17.3),
/// as the catalog in force says them — the receiver named by function resolved to a unit
/// of the topology, each assumed deadline with its note, the legal basis or that the text
/// is not at hand — and how each figure accumulates over the year (flow, stock, average).
struct RegimePages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/che-do") { _, context in try render(context: context) }
    }

    func render(context: WebRequestContext) throws -> Response {
        _ = try PageSupport.actor(context)
        let catalog = try web.work.store.catalog()
        let topology = try web.work.runtime.topology()
        let regimes = catalog.regimes.filter { $0.applies(in: topology) }.map { regime in
            let described = RegimeDescription(regime, in: topology)
            let figures = (catalog.form(code: regime.form)?.indicatorCodes ?? []).compactMap { code -> RegimesView.Figure? in
                guard let indicator = catalog.indicator(code: code), indicator.valueType.isNumeric else { return nil }
                let accumulation = indicator.isComputed ? "tự tính từ các chỉ tiêu khác" : indicator.effectiveMeasure.vietnameseName
                return .init(code: code, name: indicator.name, unit: indicator.unitOfMeasure, accumulation: accumulation)
            }
            return RegimesView.Regime(
                code: described.code.rawValue, name: described.name, type: described.type, frequency: described.frequency,
                reporters: described.reporters.joined(separator: "; "), receiver: described.receiver,
                deadlines: described.deadlines.map { .init(senderKind: $0.senderKind, rule: $0.rule, note: $0.note) },
                basis: described.basis, basisMissing: described.basisMissing, figures: figures, hasFigures: !figures.isEmpty)
        }
        return try web.pages.page(RegimesView(regimes: regimes), title: "Chế độ báo cáo", context: context)
    }
}
