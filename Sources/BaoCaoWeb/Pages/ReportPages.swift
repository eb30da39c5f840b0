import BaoCaoBundle
import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// The unit's own reports: the list, data entry generated from the form (sections,
/// units of measure, inline Vietnamese validation, draft, narrative), section approval,
/// the leader's approval and signature or rejection with a reason, and sending.
struct ReportPages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/bao-cao") { _, context in try list(context: context) }
        router.postForm("/bao-cao/moi") { form, context in try create(form, context: context) }
        router.getPage("/bao-cao/:id") { _, context in try show(PageSupport.id(context), context: context) }
        router.postForm("/bao-cao/:id/luu") { form, context in try save(form, context: context) }
        router.postForm("/bao-cao/:id/duyet-phan") { form, context in try approveSection(form, context: context) }
        router.postForm("/bao-cao/:id/tra-phan") { form, context in try returnSection(form, context: context) }
        router.postForm("/bao-cao/:id/duyet") { _, context in try approve(context: context) }
        router.postForm("/bao-cao/:id/chuan-bi-ky") { _, context in try prepareSignature(context: context) }
        router.postForm("/bao-cao/:id/ky-ca-nhan") { form, context in try approveSigned(form, context: context) }
        router.postForm("/bao-cao/:id/tu-choi") { form, context in try reject(form, context: context) }
        router.postForm("/bao-cao/:id/gui") { _, context in try send(context: context) }
        router.getPage("/duyet") { _, context in try approvals(context: context) }
        router.postUpload("/bao-cao/:id/dinh-kem") { form, context in try attach(form, context: context) }
        router.postUpload("/bao-cao/:id/nhap-tep") { form, context in try importFile(form, context: context) }
        router.postForm("/bao-cao/:id/dinh-kem/xoa") { form, context in try detach(form, context: context) }
        router.getPage("/bao-cao/:id/tep") { request, context in try download(request, context: context) }
        router.getPage("/bao-cao/:id/excel") { _, context in try excel(context: context) }
        router.getPage("/bao-cao/:id/in") { _, context in try printView(context: context) }
        router.postForm("/bao-cao/:id/pdf") { _, context in try signedPDF(context: context) }
    }

    func list(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let catalog = try web.work.store.catalog()
        let reports = try web.reports.list(by: actor).map { r in
            ReportsView.Report(id: String(r.id ?? 0), regime: r.regimeCode.rawValue, period: r.period.id, revision: r.revision,
                               state: r.state.displayName, updated: PageSupport.time(r.updatedAt))
        }
        let view = ReportsView(csrf: context.csrfToken, reports: reports,
                               regimes: catalog.regimes.map { ReportsView.Regime(code: $0.code.rawValue, name: $0.name) })
        return try web.pages.page(view, title: "Báo cáo của đơn vị", context: context)
    }

    func create(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let regime = try PageSupport.field(form, "regime", as: RegimeCode.self)
        let period = try PageSupport.field(form, "period", as: Period.self)
        let record = try web.reports.create(regime: regime, period: period, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(record.id ?? 0)", flash: "Đã lập báo cáo lần \(record.revision).", web, context)
    }

    /// The report page. `typed` and `errors` carry what the person typed and what was
    /// wrong with it, when a save was refused, so nothing they typed is lost.
    func show(_ id: Int64, context: WebRequestContext, typed: [String: String] = [:], errors: [String: String] = [:],
              narrative typedNarrative: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let actor = try PageSupport.actor(context)
        let details = try web.reports.details(report: id, by: actor)
        let record = details.report
        guard record.unitCode == web.work.home else { throw HTTPError(.notFound) }
        let catalog = try web.work.store.catalog()
        let regime = catalog.regime(code: record.regimeCode)
        let approvedSections = Set(details.sectionApprovals.map(\.sectionCode))
        let reporter = try web.work.runtime.topology().unit(code: web.work.home)?.kind
        let editable = record.state == .draft && actor.may(.enterValues)
        var errorList: [ReportView.FieldError] = []
        let figures: String
        if typed.isEmpty, errors.isEmpty {
            let key = EntryFormCache.Key(valuesVersion: details.valuesVersion, approvedSections: approvedSections, editable: editable)
            figures = web.entryForms.html(report: id, key: key, catalog: catalog) { pieces in
                let form = Self.entryForm(details, catalog: catalog, approvedSections: approvedSections, reporter: reporter, pieces: pieces)
                return editable ? form.fields : form.tableRows
            }
        } else {
            let form = Self.entryForm(details, catalog: catalog, approvedSections: approvedSections, reporter: reporter,
                                      pieces: web.entryForms.uncachedPieces(for: catalog), typed: typed, errors: errors)
            for row in form.sections.flatMap(\.rows) {
                if let error = row.error { errorList.append(.init(field: row.field, label: "\(row.code) \(row.name)", message: error)) }
            }
            figures = editable ? form.fields : form.tableRows
        }
        // Every section is the leader's to approve; anyone else approves only the sections
        // the leader delegated to them (seed 002 art. 10.2b), a section's head included.
        let isLeader = actor.may(.approveSectionFigures)
        let delegated: Set<String> = try isLeader ? [] : web.sections.delegatedSections(of: actor)
        let pending = (details.form?.sections ?? []).filter { !approvedSections.contains($0.code) && (isLeader || delegated.contains($0.code)) }
        let undelegated: Set<String> = try isLeader || record.state != .draft ? [] : web.sections.headedWithoutDelegation(by: actor)
        let titles = Dictionary((details.form?.sections ?? []).map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a })
        let returned = details.openSectionReturns.map { r in
            ReportView.ReturnedSection(code: r.sectionCode, title: titles[r.sectionCode] ?? r.sectionCode, reason: r.reason,
                                       by: r.returnedBy, at: PageSupport.time(r.returnedAt))
        }
        let returnable = [ReportState.draft, .submitted].contains(record.state) && actor.may(.approveReport)
            ? (details.form?.sections ?? []).filter { s in !s.rows.isEmpty && !returned.contains { $0.code == s.code } } : []
        let maySend = record.state == .approved && actor.may(.sendReport)
        let receiver = try maySend ? regime?.receiver(in: web.work.runtime.topology())?.rawValue ?? web.work.runtime.topology().unit(code: web.work.home)?.parentCode?.rawValue ?? "" : nil
        let attachments = Self.attachmentRows(try web.reports.attachments(report: id, by: actor), report: id)
        let outline = details.form?.outline ?? []
        let outlined = OutlinedNarrative(narrative: typedNarrative ?? record.narrative, outline: outline)
        let outlineParts = outlined.parts.enumerated().map { index, part in
            ReportView.OutlinePart(number: index + 1, title: part.heading.title, guidance: part.heading.guidance, text: part.text)
        }
        let narrative = outline.isEmpty ? typedNarrative ?? record.narrative : outlined.preamble
        let reason = [.returned, .draft].contains(record.state) ? record.reason : nil
        let problems = errorList.isEmpty && editable ? details.problems.map { ReportView.Problem(message: $0.message) } : []
        let view = ReportView(
            csrf: context.csrfToken, id: String(id), regime: record.regimeCode.rawValue, regimeName: regime?.name ?? record.regimeCode.rawValue,
            period: record.period.id, revision: record.revision, state: record.state.displayName, stateCode: record.state.rawValue,
            formTitle: details.form?.title ?? record.formCode, signedAt: record.signedAt.map { PageSupport.time($0) },
            reason: reason, reasonLabel: reason.map { _ in record.state == .returned ? "cấp trên trả lại" : "lãnh đạo không duyệt" },
            nextRevision: record.state == .returned && actor.may(.enterValues) ? record.revision + 1 : nil,
            editable: editable, maySubmit: actor.may(.submitReport),
            sectionApproval: record.state == .draft && (isLeader || !delegated.isEmpty),
            pendingSections: pending.map { .init(code: $0.code, title: $0.title) },
            undelegatedSections: undelegated.sorted().map { .init(code: $0, title: titles[$0] ?? $0) },
            returnedSections: returned, hasReturnedSections: !returned.isEmpty,
            returnableSections: returnable.map { .init(code: $0.code, title: $0.title) }, mayReturnSection: !returnable.isEmpty,
            mayApprove: record.state == .submitted && actor.may(.approveReport), maySend: maySend,
            signService: web.signService,
            mayExportPDF: record.unitCode == web.work.home && [ReportState.approved, .sent, .accepted].contains(record.state)
                && record.signedAt != nil && actor.may(.sendReport),
            receiver: receiver,
            narrative: narrative.isEmpty ? nil : narrative,
            hasOutline: !outline.isEmpty, outline: outlineParts, writtenOutline: outlineParts.filter { !$0.text.isEmpty },
            attachments: attachments, hasAttachments: !attachments.isEmpty,
            events: details.events.map { e in
                .init(at: PageSupport.time(e.at), actor: e.actor, from: e.fromState?.displayName ?? "—", to: e.toState.displayName, why: e.reason)
            },
            errorSummary: !errorList.isEmpty, errors: errorList, errorCount: errorList.count,
            problemSummary: !problems.isEmpty, problems: problems,
            entryFields: editable ? PageRenderer.largePieceMarker : nil, tableRows: editable ? nil : PageRenderer.largePieceMarker)
        return try web.pages.page(view, title: "\(regime?.name ?? record.regimeCode.rawValue) kỳ \(record.period)", context: context, status: status,
                                  large: figures)
    }

    /// The figures of a revision as rows: what was typed where a save was refused,
    /// otherwise the stored values, and computed indicators worked out from them.
    /// `reporter`: the unit's kind, which says which figures it must give (the marker *).
    static func entryForm(_ details: ReportService.Details, catalog: Catalog, approvedSections: Set<String>, reporter: UnitKind?,
                          pieces: EntryForm.Pieces, typed: [String: String] = [:], errors: [String: String] = [:]) -> EntryForm {
        var computed: [String: ExactDecimal] = [:]
        if catalog.indicators.contains(where: \.isComputed) {
            var totals: [String: ExactDecimal] = [:]
            for (key, value) in details.values where key.breakdown.isEmpty { if let number = value.number { totals[key.indicator] = number } }
            computed = catalog.computedValues(from: totals)
        }
        return EntryForm(sections: (details.form?.sections ?? []).map { section in
            EntryForm.Section(code: section.code, title: section.title, approved: approvedSections.contains(section.code),
                              rows: section.rows.flatMap { code -> [EntryForm.Row] in
                guard let indicator = catalog.indicator(code: code) else { return [] }
                let total = EntryForm.Row(code: code, name: indicator.name, unit: indicator.unitOfMeasure,
                                          value: typed[code] ?? (indicator.isComputed ? PageSupport.number(computed[code])
                                                                                      : PageSupport.display(details.values[ValueKey(code)])),
                                          numeric: indicator.valueType.isNumeric,
                                          required: details.form?.requires(indicator, of: reporter) ?? indicator.required,
                                          computed: indicator.isComputed, error: errors[code])
                guard !indicator.isComputed else { return [total] }
                // Each breakdown (phân tổ) its own field under the total: `LD01[GT=nam]`.
                return [total] + catalog.breakdowns(of: indicator).map { breakdown in
                    let key = breakdown.key.description
                    return EntryForm.Row(code: key, name: "Trong đó: " + breakdown.memberNames.joined(separator: ", "), unit: indicator.unitOfMeasure,
                                         value: typed[key] ?? PageSupport.display(details.values[breakdown.key]),
                                         numeric: indicator.valueType.isNumeric, required: false, computed: false, error: errors[key])
                }
            })
        }, pieces: pieces)
    }

    func save(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        let actor = try PageSupport.actor(context)
        let details = try web.reports.details(report: id, by: actor)
        let catalog = try web.work.store.catalog()
        let typed = Dictionary(form.prefixed("v_").map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        // Every field is checked first, so that one refusal names every wrong cell and
        // nothing is saved while any is wrong.
        var errors: [String: String] = [:]
        var entries: [(key: String, text: String)] = []
        let keys = (details.form?.indicatorCodes ?? []).flatMap { code -> [(String, ValueKey)] in
            guard let indicator = catalog.indicator(code: code), !indicator.isComputed else { return [] }
            return [(code, ValueKey(code))] + catalog.breakdowns(of: indicator).map { (code, $0.key) }
        }
        for (code, key) in keys {
            guard let indicator = catalog.indicator(code: code), let text = typed[key.description] else { continue }
            let field = key.description
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if indicator.valueType.isNumeric, !trimmed.isEmpty {
                do {
                    _ = try VietnameseNumberFormat.parse(trimmed)
                } catch let error as any CodedError {
                    errors[field] = error.message
                    continue
                }
            }
            if trimmed != PageSupport.display(details.values[key]) { entries.append((field, trimmed)) }
        }
        let narrative = Self.narrative(form, outline: details.form?.outline ?? [])
        guard errors.isEmpty else {
            return try show(id, context: context, typed: typed, errors: errors, narrative: narrative, status: .unprocessableContent)
        }
        let now = Date()
        if !entries.isEmpty { try web.reports.setValues(report: id, entries, by: actor, at: now) }
        if narrative.nfc != details.report.narrative { try web.reports.setNarrative(report: id, narrative, by: actor, at: now) }
        if form["action"] == "submit" {
            try web.reports.submit(report: id, by: actor, at: now)
            return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Đã lưu và trình lãnh đạo duyệt.", web, context)
        }
        return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Đã lưu nháp.", web, context)
    }

    /// The narrative as typed: with an outline, the opening and each heading's field put
    /// together under the headings (000 art. 13.1); without them (no outline, or a form
    /// posted without the headings' fields), the one field as the whole narrative.
    static func narrative(_ form: FormBody, outline: [Form.OutlineHeading]) -> String {
        guard !outline.isEmpty, outline.indices.contains(where: { form["narrative-\($0 + 1)"] != nil }) else { return form["narrative"] ?? "" }
        return OutlinedNarrative(preamble: form["narrative"] ?? "", parts: outline.enumerated().map { index, heading in
            .init(heading: heading, text: form["narrative-\(index + 1)"] ?? "")
        }).text
    }

    func approveSection(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        try web.reports.approveSection(report: id, section: form["section"] ?? "", by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Đã duyệt số liệu phần \(form["section"] ?? "").", web, context)
    }

    /// The leader returns one section's figures to its section, with a reason (seed 002
    /// art. 12.4a); the rest of the report stays as it is.
    func returnSection(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        let section = form["section"] ?? ""
        try web.reports.returnSection(report: id, section: section, reason: form["reason"] ?? "", by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Đã trả lại số liệu phần \(section) cho bộ phận sửa, kèm lý do; các phần khác giữ nguyên.", web, context)
    }

    func approve(context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        _ = try web.reports.approve(report: id, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Đã duyệt và ký số báo cáo.", web, context)
    }

    func reject(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        try web.reports.reject(report: id, reason: form["reason"] ?? "", by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Đã trả báo cáo về người nhập, kèm lý do.", web, context)
    }

    func send(context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        try web.reports.send(report: id, by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Đã đưa báo cáo vào hàng gửi; sẽ gửi ở lần đồng bộ tới.", web, context)
    }

    func approvals(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let waiting = try web.reports.list(by: actor).filter { [.draft, .submitted].contains($0.state) }
        let items: [ApprovalsView.Item] = try waiting.compactMap { record in
            let details = try web.reports.details(report: record.id!, by: actor)
            let approved = Set(details.sectionApprovals.map(\.sectionCode))
            let pending = (details.form?.sections ?? []).filter { !approved.contains($0.code) }.map(\.title)
            guard record.state == .submitted || !pending.isEmpty else { return nil }
            return ApprovalsView.Item(id: String(record.id!), regime: record.regimeCode.rawValue, period: record.period.id, revision: record.revision,
                                      state: record.state.displayName, pending: pending.isEmpty ? "—" : pending.joined(separator: "; "))
        }
        return try web.pages.page(ApprovalsView(items: items, hasItems: !items.isEmpty), title: "Báo cáo chờ duyệt", context: context)
    }

    func attach(_ form: MultipartBody?, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        guard let form, let file = form.file("tep") else {
            return PageSupport.redirect(to: "/bao-cao/\(id)#dinh-kem", flash: "Chưa chọn tệp để đính kèm.", web, context)
        }
        try web.reports.addAttachment(report: id, name: file.fileName ?? "", contentType: file.contentType ?? "", data: file.data,
                                      by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(id)#dinh-kem", flash: "Đã đính kèm tệp \(file.fileName ?? "").", web, context)
    }

    /// Figures from a CSV file (`CHỈ_TIÊU;GIÁ_TRỊ` per line, Vietnamese numbers), into the draft.
    func importFile(_ form: MultipartBody?, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        guard let form, let file = form.file("tep-so-lieu") else {
            return PageSupport.redirect(to: "/bao-cao/\(id)", flash: "Chưa chọn tệp số liệu.", web, context)
        }
        let actor = try PageSupport.actor(context)
        let record = try web.reports.details(report: id, by: actor).report
        do {
            let outcome = try FileValueImport(work: web.work).importFile(file.data, named: file.fileName ?? "tệp", regime: record.regimeCode,
                                                                         period: record.period, keepValid: form["giu-o-dung"] == "1",
                                                                         by: actor, at: Date())
            var note = "Đã nhập \(outcome.result.stored) số liệu từ tệp \(file.fileName ?? "")."
            if !outcome.conversions.isEmpty { note += " Đã chuyển sang Unicode: " + outcome.conversions.joined(separator: "; ") + "." }
            if !outcome.result.skipped.isEmpty {
                note += " Bỏ qua \(outcome.result.skipped.count) ô sai: " + outcome.result.skipped.prefix(10).map(\.description).joined(separator: "; ") + "."
            }
            if !outcome.result.remaining.isEmpty { note += " Còn \(outcome.result.remaining.count) vấn đề cần xem (liệt kê ở đầu trang)." }
            return PageSupport.redirect(to: "/bao-cao/\(outcome.result.report.id ?? id)", flash: note, web, context)
        } catch let refused as CellErrors {
            // Nothing was stored: the page says which cells are wrong, next to their rows.
            var context = context
            context.flash = "Chưa lưu gì: tệp \(file.fileName ?? "") có \(refused.problems.count) ô sai — "
                + refused.problems.prefix(20).map(\.description).joined(separator: "; ") + "."
            let inline = Dictionary(refused.problems.map { ($0.key, "\($0.location): \($0.message)") }, uniquingKeysWith: { first, _ in first })
            return try show(id, context: context, errors: inline, status: .unprocessableContent)
        }
    }

    /// The form as an Excel workbook, filled with this revision's unit's latest figures.
    func excel(context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        let actor = try PageSupport.actor(context)
        let record = try web.reports.readableReport(id, by: actor)
        let export = try FormWorkbookExport(work: web.work).workbook(regime: record.regimeCode, period: record.period, filled: true, by: actor)
        try FigureExport(format: .xlsx, regime: record.regimeCode, period: record.period, scope: .report(web.work.home),
                         to: "tải về qua web: \(export.fileName)")
            .record(by: actor, in: web.work.store)
        return PageSupport.download(export.data, name: export.fileName, contentType: ExtractionFormat.xlsx.contentType)
    }

    func detach(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        try web.reports.removeAttachment(report: id, name: form["name"] ?? "", by: try PageSupport.actor(context), at: Date())
        return PageSupport.redirect(to: "/bao-cao/\(id)#dinh-kem", flash: "Đã gỡ tệp \(form["name"] ?? "").", web, context)
    }

    /// An attachment as a download (never shown inline: it came from someone else's disk).
    func download(_ request: Request, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        guard let name = PageSupport.query(request, "ten") else { throw HTTPError(.notFound) }
        let file = try web.reports.attachment(report: id, name: name, by: try PageSupport.actor(context))
        return PageSupport.download(file.data, name: file.name, contentType: file.contentType)
    }

    /// The attachment list a page shows.
    static func attachmentRows(_ files: [ReportAttachment], report id: Int64) -> [AttachmentLink] {
        files.map { file in
            AttachmentLink(name: file.name, size: VietnameseNumberFormat.format(ExactDecimal(max(1, (file.size + 1023) / 1024))) + " KB",
                           href: "/bao-cao/\(id)/tep?ten=" + (file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? file.name),
                           sha256: String(file.sha256.prefix(16)))
        }
    }

    /// A code made safe as an element id: ASCII letters and digits kept, anything else `-`.
    static func fieldId(_ code: String) -> String {
        let safe: (UInt8) -> Bool = { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        if code.utf8.allSatisfy(safe) { return code }
        return String(decoding: code.utf8.map { safe($0) ? $0 : UInt8(ascii: "-") }, as: UTF8.self)
    }
}

/// The leader's personal signature made on their token, through the signing service on
/// their PC (`web.signService`; `Static/ky-so.js` drives it from the report page): the
/// node prepares the bundle once and keeps it under a one-time id, the page has the
/// service sign its attributes, and the node assembles and verifies the whole bundle
/// before the approval is recorded. Both answers are JSON; the CSRF token is required as
/// for every form.
extension ReportPages {
    func prepareSignature(context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        do {
            guard let service = web.signService else {
                throw ServiceError(.invalidInput, message: "Nút này chưa khai báo dịch vụ ký số cá nhân (web.signService).", log: "no sign service")
            }
            let now = Date()
            let approval = try web.reports.prepareApproval(report: id, by: try PageSupport.actor(context), at: now)
            let handle = web.preparedApprovals.keep(approval, at: now)
            return Self.json(["prepared": handle, "service": service,
                              "manifest": approval.bundle.manifestBytes.base64EncodedString(),
                              "signedAttributes": approval.attributes.der.base64EncodedString()])
        } catch let error as ServiceError {
            return Self.json(["error": error.message], status: .badRequest)
        }
    }

    func approveSigned(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let id = try PageSupport.id(context)
        do {
            let approval = try web.preparedApprovals.take(form["prepared"] ?? "", report: id, at: Date())
            guard let signature = form["signature"].flatMap({ Data(base64Encoded: $0) }), !signature.isEmpty else {
                throw ServiceError(.invalidInput, message: "Không nhận được chữ ký số từ dịch vụ ký số.", log: "no signature field")
            }
            let certificates: [Certificate]
            do {
                certificates = try (form["certificates"] ?? "").split(separator: ",").map {
                    guard let der = Data(base64Encoded: String($0)) else { throw BundleError(.invalidCertificate, message: "", log: "not base64") }
                    return try Certificate(der: der)
                }
            } catch {
                throw ServiceError(.invalidInput, message: "Chứng thư số gửi kèm chữ ký không đọc được.", log: "certificates unreadable: \(error)")
            }
            guard let leaf = certificates.first else {
                throw ServiceError(.invalidInput, message: "Dịch vụ ký số không gửi kèm chứng thư số của người ký.", log: "no certificate")
            }
            let external = SignedDataBuilder.ExternalSignature(certificate: leaf, chain: Array(certificates.dropFirst()),
                                                               attributes: approval.attributes, signature: signature)
            _ = try web.reports.approve(prepared: approval, personalSignature: external, by: try PageSupport.actor(context), at: Date())
            if let session = context.session?.id { web.sessions.setFlash("Đã duyệt và ký số báo cáo (chữ ký cá nhân của \(leaf.commonName ?? leaf.subject) và chữ ký của đơn vị).", id: session) }
            return Self.json(["redirect": web.unitPath.rootLocation("/bao-cao/\(id)")])
        } catch let error as ServiceError {
            return Self.json(["error": error.message], status: .badRequest)
        }
    }

    static func json(_ fields: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
