import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB

/// Reports that reached the receiver outside the system during a failure (seed 000 art.
/// 7.3; seed 001 art. 10.2d: sent as an electronic document through the province's
/// e-office system). The receiver records one: the document as it came (``OutsideDocument``:
/// a signed PDF's signatures verified), the figures typed from it on the sender's behalf,
/// why it came that way and when — all in the audit log. It then counts, marked, in
/// completeness (an arrival at the time the document came) and in the consolidated
/// figures and snapshots (as accepted), until the unit's own signed report is accepted
/// here: that one supersedes it, and the record stays, marked superseded.
public struct OutsideReportService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// A recorded report and, once it is superseded, the signed revision accepted since.
    public struct Entry: Sendable {
        public let record: OutsideReportRecord
        public let supersededBy: ReportRecord?
    }

    /// What a receiver types from the document.
    public struct Submission: Sendable {
        public var regime: RegimeCode
        public var period: Period
        public var unit: UnitCode
        public var document: Data
        public var documentName: String
        public var documentNumber: String?
        /// When the document reached the receiver (by the e-office system or otherwise).
        public var receivedAt: Date
        /// Why it came outside the system.
        public var reason: String
        /// The figures, typed the Vietnamese way (`NN01=1.245,5`).
        public var figures: [(key: String, text: String)]

        public init(regime: RegimeCode, period: Period, unit: UnitCode, document: Data, documentName: String, documentNumber: String?,
                    receivedAt: Date, reason: String, figures: [(key: String, text: String)]) {
            self.regime = regime
            self.period = period
            self.unit = unit
            self.document = document
            self.documentName = documentName
            self.documentNumber = documentNumber
            self.receivedAt = receivedAt
            self.reason = reason
            self.figures = figures
        }
    }

    /// Records a report received outside the system. Nothing is stored unless everything
    /// holds: the actor decides incoming reports, the unit is expected to report this
    /// regime here, the period is the regime's, the document is a PDF or a scan (a signed
    /// PDF's signatures verify), it came no later than now, the reason is given, and every
    /// figure is a non-computed indicator of the form, typed in its type.
    ///
    /// #### Errors
    /// A ``ServiceError`` or ``ExchangeError`` naming, in Vietnamese, what is wrong.
    @discardableResult
    public func record(_ submission: Submission, by actor: StaffMember, at now: Date) throws -> OutsideReportRecord {
        guard actor.may(.decideIncoming) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền ghi nhận báo cáo nhận ngoài hệ thống (cần quyền xử lý báo cáo đến).",
                               log: "\(actor.login) lacks decideIncoming")
        }
        let catalog = try work.store.catalog()
        guard let regime = catalog.regime(code: submission.regime) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo mã \(submission.regime).", log: "unknown regime \(submission.regime)")
        }
        if let frequency = regime.frequency, frequency != submission.period.kind {
            throw ServiceError(.invalidInput, message: "Kỳ \(submission.period) không phải kỳ báo cáo của chế độ \(regime.code).",
                               log: "period \(submission.period) not of \(regime.code)")
        }
        guard let form = catalog.form(code: regime.form) else {
            throw ServiceError(.notFound, message: "Không có biểu mẫu \(regime.form) của chế độ \(regime.code).", log: "no form \(regime.form)")
        }
        let topology = try work.store.topology()
        guard let unit = regime.expectedReporters(at: work.home, in: topology).first(where: { $0.code == submission.unit }) else {
            throw ServiceError(.invalidInput, message: "Đơn vị \(submission.unit) không gửi báo cáo \(regime.code) cho đơn vị này.",
                               log: "\(submission.unit) does not report \(regime.code) to \(work.home)")
        }
        let reason = submission.reason.trimmingCharacters(in: .whitespacesAndNewlines).nfc
        guard !reason.isEmpty else {
            throw ServiceError(.invalidInput, message: "Phải ghi rõ vì sao báo cáo gửi ngoài hệ thống (sự cố gì).", log: "no reason")
        }
        guard submission.receivedAt <= now.addingTimeInterval(300) else {
            throw ServiceError(.invalidInput, message: "Thời điểm nhận văn bản (\(VietnamTime.displayText(submission.receivedAt))) ở tương lai.",
                               log: "received in the future")
        }
        let document = try OutsideDocument(submission.document, name: submission.documentName)
        let figures = try Self.figures(submission.figures, form: form, catalog: catalog)
        var record = try OutsideReportRecord(
            regimeCode: regime.code, period: submission.period, unitCode: unit.code, formCode: form.code, formVersion: form.version,
            documentName: submission.documentName, contentType: document.contentType, document: document.data,
            sha256: SHA256Digest.hex(of: document.data), documentNumber: submission.documentNumber.flatMap { $0.isEmpty ? nil : $0 },
            receivedAt: submission.receivedAt, reason: reason, figures: figures, signatures: document.signatures,
            enteredBy: actor.login, enteredAt: now)
        try work.store.writer.write { db in
            try NodeStore.recordOutsideReport(&record, in: db)
            let signed = document.isSignedPDF
                ? "PDF có \(document.signatures.count) chữ ký số hợp lệ (\(document.signatures.compactMap(\.signer).joined(separator: ", ")))"
                : "\(document.contentType), không có chữ ký số"
            try AuditLog.append(db, actor: actor, action: AuditAction("inbox.recordOutside"),
                                object: "report:\(unit.code)/\(regime.code)/\(submission.period)/ngoai-he-thong/\(record.id ?? 0)",
                                detail: "nhập thay từ văn bản \(record.documentNumber ?? submission.documentName) (SHA-256 \(record.sha256)), \(signed); "
                                    + "nhận lúc \(VietnamTime.displayText(submission.receivedAt)); \(figures.count) số liệu; lý do: \(reason)",
                                at: now)
        }
        return record
    }

    /// Reports received outside the system, newest first, each with the signed revision that superseded it.
    public func list(regime: RegimeCode? = nil, period: Period? = nil, by actor: StaffMember) throws -> [Entry] {
        guard actor.may(.read) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xem báo cáo đã nhận.", log: "\(actor.login) lacks read")
        }
        return try work.store.writer.read { db in
            try NodeStore.outsideReports(regime: regime, period: period, in: db).map { record in
                Entry(record: record, supersededBy: try NodeStore.latestAcceptedRevision(
                    regime: record.regimeCode, period: record.period, unit: record.unitCode, in: db))
            }
        }
    }

    /// One record, with its document, for whoever may read received reports.
    public func entry(_ id: Int64, by actor: StaffMember) throws -> OutsideReportRecord {
        guard actor.may(.read) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xem báo cáo đã nhận.", log: "\(actor.login) lacks read")
        }
        guard let record = try work.store.writer.read({ try NodeStore.outsideReport(id: id, in: $0) }) else {
            throw ServiceError(.notFound, message: "Không có báo cáo nhận ngoài hệ thống số \(id).", log: "no outside report \(id)")
        }
        return record
    }

    /// The typed figures, each checked: a non-computed indicator of the form, in its type.
    static func figures(_ entries: [(key: String, text: String)], form: Form, catalog: Catalog) throws -> [ValueKey: ReportValue] {
        guard !entries.isEmpty else {
            throw ServiceError(.invalidInput, message: "Chưa nhập số liệu nào từ văn bản.", log: "no figures")
        }
        let onForm = Set(form.indicatorCodes)
        var result: [ValueKey: ReportValue] = [:]
        for (keyText, text) in entries {
            let key: ValueKey
            do {
                key = try ValueKey(parsing: keyText.trimmingCharacters(in: .whitespaces))
            } catch {
                throw ServiceError(.invalidInput, message: "Mã số liệu \"\(keyText)\" không hợp lệ.", log: "bad key \(keyText)")
            }
            guard onForm.contains(key.indicator), let indicator = catalog.indicator(code: key.indicator) else {
                throw ServiceError(.invalidInput, message: "Chỉ tiêu \(key.indicator) không có trên biểu mẫu \(form.code).", log: "key \(key) not on form")
            }
            guard !indicator.isComputed else {
                throw ServiceError(.invalidInput, message: "Chỉ tiêu \(key.indicator) được tính theo công thức, không nhập tay.", log: "computed \(key)")
            }
            guard result[key] == nil else {
                throw ServiceError(.invalidInput, message: "Số liệu \(key) được nhập hai lần.", log: "twice \(key)")
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw ServiceError(.invalidInput, message: "Số liệu \(key) để trống.", log: "empty \(key)") }
            if indicator.valueType.isNumeric {
                do {
                    result[key] = ReportValue(try VietnameseNumberFormat.parse(trimmed))
                } catch {
                    throw ServiceError(.invalidInput, message: "Số liệu \(key) = \"\(trimmed)\" không phải số (viết kiểu Việt Nam, ví dụ 1.245,5).",
                                       log: "not a number \(key)")
                }
            } else {
                result[key] = ReportValue(text: trimmed)
            }
        }
        return result
    }
}
