import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation

/// A regime's form as a workbook for this unit: blank, or filled with the latest
/// revision of its report for a period.
public struct FormWorkbookExport: Sendable {
    public struct Export: Sendable {
        public let data: Data
        public let formCode: String
        public let figures: Int
        public let filledCount: Int
        /// A file name people recognise: `KTXH-THANG_2026-11_04801.xlsx`.
        public let fileName: String
    }

    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    public func workbook(regime regimeCode: RegimeCode, period: Period?, filled: Bool, by actor: StaffMember) throws -> Export {
        let catalog = try work.store.catalog()
        guard let regime = catalog.regime(code: regimeCode), let form = catalog.form(code: regime.form) else {
            throw ExchangeError(.notFound, message: "Không có chế độ báo cáo \(regimeCode) hoặc biểu mẫu của nó trong danh mục đang áp dụng.",
                                log: "sheet: unknown regime \(regimeCode)")
        }
        let unit = try work.runtime.topology().unit(code: work.home) ?? ReportingUnit(code: work.home, name: work.home.rawValue, kind: .other)
        var values: [ValueKey: ReportValue] = [:]
        var revision: Int?
        if filled, let period {
            let reports = ReportService(work: work)
            if let latest = try reports.latest(regime: regimeCode, period: period) {
                values = try reports.details(report: latest.id!, by: actor).values
                revision = latest.revision
            }
        } else {
            guard actor.may(.read) else {
                throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xem biểu mẫu.", log: "\(actor.login) may not read")
            }
        }
        let sheet = FormSheet(form: form, catalog: catalog, reporter: unit.kind)
        let writer = FormWorkbookWriter(sheet: sheet, heading: .init(regime: regime, period: period, unit: unit, revision: revision))
        let name = [regimeCode.rawValue, period?.id, work.home.rawValue].compactMap { $0 }.joined(separator: "_") + ".xlsx"
        return Export(data: try writer.workbook(values: values), formCode: form.code, figures: sheet.figures.count,
                      filledCount: values.count, fileName: name)
    }
}
