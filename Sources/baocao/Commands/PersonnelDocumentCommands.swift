import ArgumentParser
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import Foundation

extension PersonnelCommand {
    /// A record as the official curriculum vitae (Mẫu 2C-BNV/2008), its numbered items as
    /// text; the export is audited with the record's number.
    struct Vitae: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cv", abstract: "Sơ yếu lý lịch (Mẫu 2C-BNV/2008) của một hồ sơ vào một ngày; thông tin nhạy cảm in ••• nếu chưa được cấp quyền.")
        @OptionGroup var common: Common
        @Argument(help: "Mã hồ sơ (HS-…).") var id: String
        @Option(name: .long, help: "Ngày (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay.") var on: String?

        func run() throws {
            let id = try PersonnelCommand.recordID(id)
            let (service, actor, now) = try common.open()
            let day = try PersonnelCommand.date(on, "--on") ?? VietnamTime.civilDate(at: now)
            let source = try service.documentRecords([id], purpose: "in sơ yếu lý lịch ngày \(day.personnelDisplayText)", by: actor, at: now)
            let cv = try CurriculumVitae(record: source.records[0], on: day, catalog: source.catalog, topology: source.topology,
                                         showsSensitive: source.showsSensitive)
            print("Cơ quan, đơn vị có thẩm quyền quản lý CBCC: \(cv.managingBody)")
            print("Cơ quan, đơn vị sử dụng CBCC: \(cv.employingUnit)")
            print("Số hiệu cán bộ, công chức: \(cv.recordNumber)")
            print("SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC — ngày \(cv.date) (\(cv.status))")
            for item in cv.items {
                print("\(item.number)) " + item.fields.map { "\($0.label): \($0.value)" }.joined(separator: "; "))
            }
            print("27) Đào tạo, bồi dưỡng:")
            for row in cv.training { print("  \(row.period) — \(row.institution) — \(row.speciality) — \(row.type) — \(row.diploma)") }
            print("28) Tóm tắt quá trình công tác:")
            for row in cv.work { print("  \(row.period): \(row.description)") }
            print("30) Quan hệ gia đình:" + (cv.familyMasked ? " \(CurriculumVitae.masked)" : ""))
            for row in cv.familyOwn + cv.familySpouse { print("  \(row.relation): \(row.fullName) (\(row.birthYear)) \(row.details)") }
            print("31) Diễn biến quá trình lương:")
            for row in cv.pay { print("  \(row.month): \(row.rankAndStep), hệ số \(row.coefficient)") }
            print("32) Nhận xét, đánh giá:")
            for row in cv.evaluations { print("  Năm \(row.year): \(row.rating)") }
        }
    }

    /// The unit's roster on a day as an Excel workbook; audited with every number in it.
    struct RosterWorkbookExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roster-xlsx", abstract: "Ghi danh sách cán bộ của đơn vị vào một ngày ra tệp Excel; cột nhạy cảm chỉ khi được cấp quyền.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Ngày (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay.") var on: String?
        @Option(name: .shortAndLong, help: "Tệp .xlsx ghi ra.") var out: String

        func run() throws {
            let (service, actor, now) = try common.open()
            let day = try PersonnelCommand.date(on, "--on") ?? VietnamTime.civilDate(at: now)
            let source = try service.unitDocumentRecords(on: day, purpose: "danh sách Excel", by: actor, at: now)
            let home = service.work.home
            let unit = source.topology.unit(code: home) ?? ReportingUnit(code: home, name: home.rawValue, kind: .other)
            let quota = try service.roster(on: day, by: actor, at: now).quotas.first { $0.unit == home && $0.section == nil }?.quota
            let workbook = RosterWorkbook(unit: unit, date: day, quota: quota, records: source.records, catalog: source.catalog,
                                          showsSensitive: source.showsSensitive)
            do {
                try workbook.workbook().write(to: URL(fileURLWithPath: out), options: .withoutOverwriting)
            } catch let error as CocoaError where error.code == .fileWriteFileExists {
                throw CLIError("Tệp \(out) đã có; chọn tên khác (không ghi đè).")
            }
            print("Đã ghi danh sách \(workbook.people.count) người ngày \(day.personnelDisplayText) vào \(out).")
        }
    }
}
