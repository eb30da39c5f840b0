import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// The leader returning one section's figures to the section that made them (seed 002
/// art. 12.3–12.4), instead of the whole report.
extension ReportService {
    /// A section of one of the unit's own reports the leader returned, not yet approved again.
    public struct ReturnedSection: Sendable {
        public let report: ReportRecord
        public let sectionReturn: SectionReturnRecord
        /// The section's title on the report's form (its code when the form is gone).
        public let title: String
    }

    /// The leader returns one section's figures to the section that made them, saying why
    /// (seed 002 art. 12.4a), without returning the whole report: that section's approval
    /// is withdrawn and the return stays open until its corrected figures are approved
    /// again; every other section, its figures and approval, stays as it is. A submitted
    /// report comes back to the unit as a draft (its figures must change), to be
    /// submitted again once the section is approved again; until then it can be neither
    /// submitted nor approved and signed.
    public func returnSection(report id: Int64, section: String, reason: String, by actor: StaffMember, at now: Date) throws {
        try require(actor, .approveReport, "trả lại số liệu một phần cho bộ phận")
        let reason = try requiredReason(reason)
        let catalog = try work.catalog()
        try work.store.writer.write { db in
            var record = try ownReport(id, in: db)
            try expect(record, in: [.draft, .submitted], to: "trả lại số liệu phần \(section)")
            guard let form = catalog.form(code: record.formCode, version: record.formVersion) ?? catalog.form(code: record.formCode),
                  let formSection = form.sections.first(where: { $0.code == section }) else {
                throw ServiceError(.notFound, message: "Biểu mẫu \(record.formCode) không có phần \(section).", log: "no section \(section)")
            }
            if try NodeStore.openSectionReturns(ofReport: id, in: db).contains(where: { $0.sectionCode == section }) {
                throw ServiceError(.alreadyExists, message: "Số liệu phần \"\(formSection.title)\" đã được trả lại cho bộ phận và chưa được duyệt lại.",
                                   log: "section \(section) already returned")
            }
            try NodeStore.withdrawSectionApproval(section, ofReport: id, in: db)
            try NodeStore.addSectionReturn(SectionReturnRecord(reportId: id, sectionCode: section, reason: reason,
                                                               returnedBy: actor.login, returnedAt: now), in: db)
            try audit(db, actor, "report.returnSection", record, "\(section): \(reason)", now)
            if record.state == .submitted {
                try move(&record, to: .draft, by: actor, reason: "Trả lại phần \"\(formSection.title)\" cho bộ phận sửa: \(reason)", at: now, in: db)
            } else {
                record.updatedAt = now
                try record.update(db)
            }
        }
    }

    /// Refuses while a section the leader returned is not approved again.
    func refuseWhileSectionsReturned(_ record: ReportRecord, form: Form?, to what: String, in db: Database) throws {
        let open = try NodeStore.openSectionReturns(ofReport: record.id ?? 0, in: db)
        guard !open.isEmpty else { return }
        let named = open.map { r -> String in
            let title = form?.sections.first(where: { $0.code == r.sectionCode })?.title ?? r.sectionCode
            return "\"\(title)\" (lý do: \(r.reason))"
        }.joined(separator: "; ")
        throw ServiceError(.illegalTransition,
            message: "Chưa \(what) được: lãnh đạo đã trả lại số liệu phần \(named); bộ phận cần sửa và duyệt lại số liệu phần đó trước.",
            log: "sections returned: \(open.map(\.sectionCode))")
    }

    /// Every section of the unit's own reports returned by the leader and not yet
    /// approved again, newest first: what the sections must correct.
    public func returnedSections(by actor: StaffMember) throws -> [ReturnedSection] {
        try require(actor, .read, "xem báo cáo")
        let catalog = try work.catalog()
        return try work.store.writer.read { db in
            try NodeStore.openSectionReturns(in: db).compactMap { r in
                guard let report = try NodeStore.report(id: r.reportId, in: db), report.unitCode == work.home else { return nil }
                let form = catalog.form(code: report.formCode, version: report.formVersion) ?? catalog.form(code: report.formCode)
                return ReturnedSection(report: report, sectionReturn: r, title: form?.sections.first { $0.code == r.sectionCode }?.title ?? r.sectionCode)
            }
        }
    }
}
