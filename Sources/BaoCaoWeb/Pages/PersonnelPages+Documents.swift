import BaoCaoCore
import BaoCaoExchange
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Hummingbird

extension PersonnelPages {
    /// The record as the official curriculum vitae (Mẫu 2C-BNV/2008), A4, for the
    /// browser's Print → PDF: the export is audited with the record's number.
    func printVitae(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let id = try Self.recordID(context)
        let day = try Self.day(request)
        let source = try service.documentRecords([id], purpose: "in sơ yếu lý lịch ngày \(day.personnelDisplayText)", by: actor, at: Date())
        let cv = try CurriculumVitae(record: source.records[0], on: day, catalog: source.catalog, topology: source.topology,
                                     showsSensitive: source.showsSensitive)
        let view = CurriculumVitaeView(cv: cv, back: "/nhan-su/\(id)?ngay=\(day)")
        return try web.pages.page(view, title: "Sơ yếu lý lịch — \(id)", context: context)
    }

    /// The unit's roster on the day asked for as an Excel workbook; audited with every
    /// number in it.
    func rosterWorkbook(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let day = try Self.day(request)
        let source = try service.unitDocumentRecords(on: day, purpose: "danh sách Excel", by: actor, at: Date())
        let unit = source.topology.unit(code: web.work.home) ?? ReportingUnit(code: web.work.home, name: web.work.home.rawValue, kind: .other)
        let quota = try service.roster(on: day, by: actor, at: Date()).quotas.first { $0.unit == web.work.home && $0.section == nil }?.quota
        let workbook = RosterWorkbook(unit: unit, date: day, quota: quota, records: source.records, catalog: source.catalog,
                                      showsSensitive: source.showsSensitive)
        return PageSupport.download(try workbook.workbook(), name: workbook.fileName,
                                    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }
}
