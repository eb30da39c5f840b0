import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

extension ReportPages {
    /// A report in the official layout of an administrative document (issuing unit,
    /// number, place and date, title, the table, the narrative, recipients, signature),
    /// styled so that the browser's Print → PDF gives the paper copy.
    func printView(context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        let actor = try PageSupport.actor(context)
        _ = try web.reports.readableReport(id, by: actor)   // not an archive copy relayed from below
        let details = try web.reports.details(report: id, by: actor)
        let record = details.report
        try FigureExport(format: .print, regime: record.regimeCode, period: record.period, scope: .report(record.unitCode),
                         to: "bản in báo cáo số \(id)")
            .record(by: actor, in: web.work.store)
        let catalog = try web.work.store.catalog()
        let topology = try web.work.runtime.topology()
        let unit = topology.unit(code: record.unitCode)
        let parent = unit?.parentCode.flatMap { topology.unit(code: $0) }
        let regime = catalog.regime(code: record.regimeCode)
        let form = Self.entryForm(details, catalog: catalog, approvedSections: Set(details.sectionApprovals.map(\.sectionCode)),
                                  reporter: unit?.kind, pieces: web.entryForms.uncachedPieces(for: catalog))
        let date = VietnamTime.civilDate(at: record.signedAt ?? record.updatedAt)
        let place = (unit?.name ?? record.unitCode.rawValue)
        // The signature block names the person whose own signature the bundle carries; a
        // report signed with the unit's key alone names the account that approved it.
        let personal = web.personalSignature(ofBundle: record.bundleId, arrivedAt: record.receivedAt)
        let signer = personal?.person.name ?? details.events.last { $0.toState == .approved }?.actor
        let outlined = OutlinedNarrative(narrative: record.narrative, outline: details.form?.outline ?? [])
        let view = PrintView(
            id: String(id), unitName: (unit?.name ?? record.unitCode.rawValue).uppercased(), parentName: (parent?.name ?? "").uppercased(),
            number: "\(record.revision)/BC-\(record.unitCode)", placeDate: "\(place), ngày \(date.day) tháng \(date.month) năm \(date.year)",
            regimeName: (regime?.name ?? record.regimeCode.rawValue).uppercased(), period: record.period.id, revision: record.revision,
            state: record.state.displayName, formTitle: details.form?.title ?? record.formCode,
            receiverName: parent?.name ?? "Cơ quan nhận báo cáo", signerTitle: personal?.person.title.uppercased() ?? "THỦ TRƯỞNG ĐƠN VỊ", signerName: signer ?? "",
            narrative: outlined.preamble.isEmpty ? nil : outlined.preamble,
            outlined: outlined.writtenParts.enumerated().map { .init(number: $0.offset + 1, title: $0.element.heading.title,
                                                                      guidance: nil, text: $0.element.text) },
            hasNarrative: !record.narrative.isEmpty,
            signedAt: (personal?.signingTime ?? record.signedAt).map { PageSupport.time($0) },
            tableRows: PageRenderer.largePieceMarker)
        return try web.pages.page(view, title: "Bản in — \(regime?.name ?? record.regimeCode.rawValue) kỳ \(record.period)", context: context,
                                  large: form.tableRows)
    }
}
