import BaoCaoCore
import BaoCaoExchange
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Hummingbird

/// Reports received outside the system during a failure (seed 000 art. 7.3; seed 001 art.
/// 10.2d), on the inbox (`/hop-thu/ngoai-he-thong`): those recorded, marked, with the signed
/// revision that superseded each; the form a receiver records one with (the document, the
/// figures typed from it, when it came and why); the document as it came.
struct OutsideReportPages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/hop-thu/ngoai-he-thong") { _, context in try list(context: context) }
        router.postUpload("/hop-thu/ngoai-he-thong") { form, context in try record(form, context: context) }
        router.getPage("/hop-thu/ngoai-he-thong/:id/van-ban") { _, context in try document(context: context) }
    }

    func list(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let topology = try web.work.runtime.topology()
        let entries = try OutsideReportService(work: web.work).list(by: actor).map { entry in
            let r = entry.record
            let signatures = (try? r.signatureChecks()) ?? []
            return OutsideReportsView.Item(
                id: String(r.id ?? 0), unit: r.unitCode.rawValue, unitName: topology.unit(code: r.unitCode)?.name ?? r.unitCode.rawValue,
                regime: r.regimeCode.rawValue, period: r.period.id, received: PageSupport.time(r.receivedAt),
                document: r.documentNumber ?? r.documentName,
                signatures: signatures.isEmpty ? "không có chữ ký số"
                    : "\(signatures.count) chữ ký số hợp lệ: " + signatures.compactMap(\.signer).joined(separator: ", "),
                entered: "\(r.enteredBy), \(PageSupport.time(r.enteredAt))", reason: r.reason,
                superseded: entry.supersededBy.map { "đã thay bằng báo cáo ký số lần \($0.revision)" })
        }
        let regimes = try web.work.store.catalog().regimes.map { OutsideReportsView.RegimeChoice(code: $0.code.rawValue) }
        let view = OutsideReportsView(csrf: context.csrfToken, items: entries, hasItems: !entries.isEmpty, regimes: regimes,
                                      mayRecord: actor.may(.decideIncoming))
        return try web.pages.page(view, title: "Báo cáo nhận ngoài hệ thống", context: context)
    }

    func record(_ form: MultipartBody?, context: WebRequestContext) throws -> Response {
        let back = "/hop-thu/ngoai-he-thong"
        guard let form, let file = form.file("van-ban") else {
            return PageSupport.redirect(to: back, flash: "Chưa chọn tệp văn bản nhận được (PDF hoặc ảnh quét).", web, context)
        }
        let regime = try RegimeCode(parsing: form["regime"] ?? "")
        let period = try Period(parsing: (form["period"] ?? "").trimmingCharacters(in: .whitespaces))
        let unit = try UnitCode(parsing: (form["unit"] ?? "").trimmingCharacters(in: .whitespaces))
        guard let receivedAt = form["nhan-luc"].flatMap(VietnamTime.instant(parsing:)) else {
            return PageSupport.redirect(to: back, flash: "Thời điểm nhận văn bản không đúng dạng (ngày giờ, giờ Việt Nam).", web, context)
        }
        var figures: [(key: String, text: String)] = []
        for line in (form["so-lieu"] ?? "").split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let equals = line.firstIndex(of: "=") else {
                return PageSupport.redirect(to: back, flash: "Dòng \"\(line)\" không có dạng MÃ=GIÁ TRỊ.", web, context)
            }
            figures.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
        }
        let submission = OutsideReportService.Submission(
            regime: regime, period: period, unit: unit, document: file.data, documentName: file.fileName ?? "van-ban",
            documentNumber: form["so-van-ban"], receivedAt: receivedAt, reason: form["ly-do"] ?? "", figures: figures)
        let record = try OutsideReportService(work: web.work).record(submission, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(
            to: back, flash: "Đã ghi nhận báo cáo của \(record.unitCode) (\(record.regimeCode) kỳ \(record.period)) nhận ngoài hệ thống; số liệu được đánh dấu nhập thay.",
            web, context)
    }

    func document(context: WebRequestContext) throws -> Response {
        let record = try OutsideReportService(work: web.work).entry(try PageSupport.id(context), by: try PageSupport.actor(context))
        return PageSupport.download(record.document, name: record.documentName, contentType: record.contentType)
    }
}
