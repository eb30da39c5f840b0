import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// The node's own signed report as a PDF for the provincial e-office system: the
/// report's figures in the official layout, signed by the leader (if the leader's
/// identity is given) and sealed with the unit's signing identity. Only a report the
/// leader has approved and signed can leave so, by someone who may send reports; each PDF
/// made is in the audit log.
public struct ReportPDFService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) { self.work = work }

    /// What was made.
    public struct Made: Sendable {
        public let pdf: Data
        /// Who signed, in order (the leader's name first when a person signed).
        public let signers: [String]
        /// A file name for it, `bao-cao-KTXH-THANG-2026-10-lan-1.pdf`.
        public let fileName: String
    }

    public func make(report id: Int64, by actor: StaffMember, person: SigningIdentity?, at now: Date) throws -> Made {
        guard actor.may(.sendReport) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xuất báo cáo đã ký ra tệp PDF (cần vai trò lãnh đạo hoặc tổng hợp).",
                               log: "\(actor.login) lacks sendReport for a PDF")
        }
        guard let unit = work.identity else {
            throw ServiceError(.invalidInput, message: "Nút chưa khai báo khóa ký số của đơn vị (mục signing trong tệp cấu hình); không ký được tệp PDF.",
                               log: "no signing identity for a PDF")
        }
        let details = try ReportService(work: work).details(report: id, by: actor)
        let record = details.report
        guard record.unitCode == work.home, record.relayedFor == nil else {
            throw ServiceError(.notFound, message: "Báo cáo số \(id) không phải của đơn vị này; chỉ báo cáo của đơn vị mới xuất được ra PDF có chữ ký của đơn vị.",
                               log: "PDF of a report \(id) not of home unit")
        }
        guard [.approved, .sent, .accepted].contains(record.state), record.signedAt != nil else {
            throw ServiceError(.illegalTransition, message: "Báo cáo số \(id) đang ở trạng thái \"\(record.state.displayName)\": chỉ báo cáo lãnh đạo đã duyệt và ký mới xuất được ra PDF có chữ ký.",
                               log: "PDF of report \(id) in state \(record.state)")
        }
        let catalog = try work.store.catalog()
        let topology = try work.store.topology()
        let approver = details.events.last { $0.toState == .approved }?.actor
        let approverName = try approver.flatMap { login in try work.store.writer.read { db in try NodeStore.user(login: login, in: db)?.displayName } }
        let signerName = person?.certificate.commonName ?? approverName ?? approver ?? ""
        let document = ReportPDFDocumentBuilder(catalog: catalog, topology: topology).document(details, signerName: signerName)
        let pdf = try SignedReportPDF.make(document, person: person, unit: unit, at: now)
        let signers = (person.map { [$0.certificate.commonName ?? signerName] } ?? []) + [unit.certificate.commonName ?? document.sealName]
        try work.store.writer.write { db in
            _ = try AuditLog.append(db, actor: actor, action: AuditAction("report.pdf"), object: "report:\(record.unitCode)/\(record.regimeCode)/\(record.period)/\(record.revision)",
                                    detail: "PDF ký số bởi: " + signers.joined(separator: ", "), at: now)
        }
        return Made(pdf: pdf, signers: signers,
                    fileName: "bao-cao-\(record.regimeCode)-\(record.period.id)-lan-\(record.revision).pdf")
    }
}
