import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import GRDB

/// The node's own reports, from a draft to the receiver's decision (DESIGN §5):
/// `draft → submitted → approved → sent → accepted | returned`, with `submitted → draft`
/// when the leader rejects it. Every step checks who acts, refuses what the state does
/// not allow, records the step in the report's history and the audit log, and commits
/// all of it at once.
public struct ReportService: Sendable {
    public let work: NodeWork
    /// Who may approve a section's figures besides the leader (whom the leader delegated it to).
    public let sectionAuthority: SectionAuthority

    public init(work: NodeWork, sectionAuthority: SectionAuthority = .unitSections) {
        self.work = work
        self.sectionAuthority = sectionAuthority
    }

    /// Everything about one revision, for showing it.
    public struct Details: Sendable {
        public let report: ReportRecord
        public let values: [ValueKey: ReportValue]
        public let events: [ReportEvent]
        public let sectionApprovals: [SectionApprovalRecord]
        /// The sections the leader returned to be corrected that are not approved again
        /// yet (seed 002 art. 12.4a), by section code.
        public let openSectionReturns: [SectionReturnRecord]
        public let form: Form?
        /// What is still wrong with the values (drafts only).
        public let problems: [ValueProblem]
        /// Counts every write of the values (``NodeStore/valuesVersion(ofReport:in:)``):
        /// what was made from them stays right while it is the same.
        public let valuesVersion: Int64
    }

    // MARK: - Drafts

    /// Opens a draft: revision 1, or the next revision after a returned one.
    public func create(regime regimeCode: RegimeCode, period: Period, by actor: StaffMember, at now: Date) throws -> ReportRecord {
        try require(actor, .enterValues, "lập báo cáo")
        let plan = try draftPlan(regime: regimeCode, period: period)
        return try work.store.writer.write { db in try createDraft(plan, by: actor, at: now, in: db) }
    }

    /// What opening a draft of a regime-period needs, read before its transaction: the
    /// regime, the period, the form, and — for a first revision — the figures the node's
    /// reporting units sent, consolidated, to start from.
    struct DraftPlan {
        let regime: Regime
        let period: Period
        let form: Form
        let releaseVersion: Int?
        let prefill: [ValueKey: ReportValue]
    }

    func draftPlan(regime regimeCode: RegimeCode, period: Period) throws -> DraftPlan {
        try refuseIfRetired()
        let catalog = try work.catalog()
        guard let regime = catalog.regime(code: regimeCode) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo \(regimeCode) trong danh mục đang áp dụng.", log: "unknown regime \(regimeCode)")
        }
        if let frequency = regime.frequency, period.kind != frequency {
            throw ServiceError(.invalidInput, message: "Kỳ \(period) không phải kỳ loại \(frequency.description) của chế độ \(regimeCode).",
                               log: "period \(period) not \(frequency)")
        }
        guard let form = catalog.form(code: regime.form) else {
            throw ServiceError(.notFound, message: "Không có biểu mẫu \(regime.form) của chế độ \(regimeCode).", log: "unknown form \(regime.form)")
        }
        // A first revision starts from what the node's reporting units sent, consolidated
        // (a later one from the revision it corrects, in ``createDraft(_:by:at:in:)``).
        let isFirst = try latest(regime: regimeCode, period: period) == nil
        let prefill = isFirst ? try ConsolidationService(store: work.store, home: work.home)
            .prefilledOwnReport(regime: regimeCode, period: period) : [:]
        return DraftPlan(regime: regime, period: period, form: form, releaseVersion: try work.runtime.provinceRelease()?.content.version,
                         prefill: prefill.filter { form.indicatorCodes.contains($0.key.indicator) })
    }

    /// Opens the draft a plan describes, inside the caller's transaction.
    func createDraft(_ plan: DraftPlan, by actor: StaffMember, at now: Date, in db: Database) throws -> ReportRecord {
        let (regimeCode, period, form) = (plan.regime.code, plan.period, plan.form)
        let existing = try NodeStore.revisions(regime: regimeCode, period: period, unit: work.home, in: db)
        if let latest = existing.last, latest.state != .returned {
            throw ServiceError(.illegalTransition,
                message: "Đã có báo cáo \(regimeCode) kỳ \(period) lần \(latest.revision) (\(latest.state.displayName)); chỉ lập lần mới khi báo cáo bị trả lại.",
                log: "revision \(latest.revision) is \(latest.state)")
        }
        var record = ReportRecord(regimeCode: regimeCode, period: period, unitCode: work.home,
                                  revision: (existing.last?.revision ?? 0) + 1, state: .draft, formCode: form.code,
                                  formVersion: form.version, releaseVersion: plan.releaseVersion, at: now)
        if let previous = existing.last {
            // A correction starts from the returned figures and text.
            record.narrative = previous.narrative
        }
        try record.insert(db)
        let id = record.id!
        if let previous = existing.last, let previousId = previous.id {
            try NodeStore.setValues(NodeStore.values(ofReport: previousId, in: db).mapValues { Optional($0) }, ofReport: id, in: db)
            try NodeStore.copyAttachments(from: previousId, to: id, in: db)
        } else if existing.isEmpty, !plan.prefill.isEmpty {
            try NodeStore.setValues(plan.prefill.mapValues { Optional($0) }, ofReport: id, in: db)
        }
        try history(db, id, actor, nil, .draft, nil, now)
        return record
    }

    /// Sets figures of a draft, typed the Vietnamese way (`1.245,5`); an empty text
    /// removes a figure. Refuses a key that is not on the form; returns the problems
    /// the draft still has. Changing a section's figures withdraws its approval.
    @discardableResult
    public func setValues(report id: Int64, _ entries: [(key: String, text: String)], status: ReportValue.Status = .final,
                          by actor: StaffMember, at now: Date) throws -> [ValueProblem] {
        try require(actor, .enterValues, "nhập số liệu")
        let catalog = try work.catalog()
        var changes: [ValueKey: ReportValue?] = [:]
        for (keyText, text) in entries {
            let key = try ValueKey(parsing: keyText.trimmingSpaces())
            let trimmed = text.trimmingSpaces()
            if trimmed.isEmpty {
                changes[key] = .some(nil)
            } else if catalog.indicator(code: key.indicator)?.valueType.isNumeric == true {
                changes[key] = ReportValue(try VietnameseNumberFormat.parse(trimmed), status: status)
            } else {
                changes[key] = ReportValue(text: trimmed, status: status)
            }
        }
        return try setValues(report: id, changes, by: actor, at: now)
    }

    /// Sets values already read (an import checked them cell by cell): `nil` removes a
    /// figure. Refuses a key that is not on the form; returns the problems the draft still
    /// has. Changing a section's figures withdraws its approval.
    @discardableResult
    public func setValues(report id: Int64, _ changes: [ValueKey: ReportValue?], by actor: StaffMember, at now: Date) throws -> [ValueProblem] {
        try require(actor, .enterValues, "nhập số liệu")
        let catalog = try work.catalog()
        let reporter = try homeKind()
        return try work.store.writer.write { db in try setValues(report: id, changes, catalog: catalog, reporter: reporter, by: actor, at: now, in: db) }
    }

    /// Sets values of a draft inside the caller's transaction; what is still wrong with
    /// the draft as a whole.
    func setValues(report id: Int64, _ changes: [ValueKey: ReportValue?], catalog: Catalog, reporter: UnitKind?, by actor: StaffMember,
                   at now: Date, in db: Database) throws -> [ValueProblem] {
        var record = try ownReport(id, in: db)
        try expect(record, in: [.draft], to: "sửa số liệu")
        guard let form = catalog.form(code: record.formCode, version: record.formVersion) ?? catalog.form(code: record.formCode) else {
            throw ServiceError(.notFound, message: "Không có biểu mẫu \(record.formCode).", log: "form \(record.formCode)")
        }
        let onForm = Set(form.indicatorCodes)
        var touched: Set<String> = []
        for key in changes.keys where touched.insert(key.indicator).inserted {
            guard onForm.contains(key.indicator), catalog.indicator(code: key.indicator) != nil else {
                throw ServiceError(.invalidInput, message: "Chỉ tiêu \(key.indicator) không có trên biểu mẫu \(form.code).", log: "key \(key) not on form")
            }
        }
        try checkSections(of: form, touching: touched, by: actor, in: db)
        // The draft as it will be, for its check: what it held with the changes laid
        // over, not read back after writing (an import into a new draft held nothing).
        var values = try NodeStore.values(ofReport: id, in: db)
        if values.isEmpty, !changes.values.contains(where: { $0 == nil }) {
            values = changes.mapValues { $0! }
        } else {
            values.reserveCapacity(values.count + changes.count)
            for (key, value) in changes { values[key] = value }
        }
        try NodeStore.setValues(changes, ofReport: id, in: db)
        try recordChange(of: &record, form: form, touching: touched, count: changes.count, by: actor, at: now, in: db)
        return catalog.validate(values, on: form, reporter: reporter)
    }

    /// Sets figures each checked on its own already (an import's), inside the caller's
    /// transaction; what is still wrong with the draft as a whole. Into a draft holding no
    /// figures yet, and checked against its form, they are written in the file's order
    /// and only the checks of the report as a whole are run; otherwise they are laid over
    /// the draft's figures as any change is.
    func setValues(report id: Int64, _ figures: CheckedFigures, catalog: Catalog, reporter: UnitKind?, by actor: StaffMember,
                   at now: Date, in db: Database) throws -> [ValueProblem] {
        var record = try ownReport(id, in: db)
        try expect(record, in: [.draft], to: "sửa số liệu")
        guard let form = catalog.form(code: record.formCode, version: record.formVersion) ?? catalog.form(code: record.formCode),
              form.code == figures.formCode, form.version == figures.formVersion, try !NodeStore.hasValues(ofReport: id, in: db)
        else {
            return try setValues(report: id, figures.dictionary.mapValues { Optional($0) }, catalog: catalog, reporter: reporter, by: actor, at: now, in: db)
        }
        // The indicators touched, each once: a file gives an indicator's figures together.
        var touched: Set<String> = []
        var previous: String?
        for key in figures.keys where key.indicator != previous {
            touched.insert(key.indicator)
            previous = key.indicator
        }
        try checkSections(of: form, touching: touched, by: actor, in: db)
        try NodeStore.addValues(figures.keys, figures.values, toReport: id, in: db)
        try recordChange(of: &record, form: form, touching: touched, count: figures.count, by: actor, at: now, in: db)
        return catalog.validate(figures, on: form, reporter: reporter)
    }

    /// What follows a change of `count` figures of the indicators `touched`: the approval
    /// of each section they are in withdrawn, the draft's time moved on, one audit line.
    private func recordChange(of record: inout ReportRecord, form: Form, touching touched: Set<String>, count: Int, by actor: StaffMember,
                              at now: Date, in db: Database) throws {
        for section in form.sections where !touched.isDisjoint(with: section.rows) {
            try NodeStore.withdrawSectionApproval(section.code, ofReport: record.id!, in: db)
        }
        record.updatedAt = now
        try record.update(db)
        try audit(db, actor, "report.setValues", record, "\(count) số liệu", now)
    }

    public func setNarrative(report id: Int64, _ text: String, by actor: StaffMember, at now: Date) throws {
        try require(actor, .enterValues, "viết báo cáo thuyết minh")
        try work.store.writer.write { db in
            var record = try ownReport(id, in: db)
            try expect(record, in: [.draft], to: "sửa báo cáo thuyết minh")
            record.narrative = text.nfc
            record.updatedAt = now
            try record.update(db)
            try audit(db, actor, "report.setNarrative", record, nil, now)
        }
    }

    // MARK: - Approvals inside the unit

    /// Approves one section's figures (duyệt số liệu).
    public func approveSection(report id: Int64, section: String, by actor: StaffMember, at now: Date) throws {
        let catalog = try work.catalog()
        try work.store.writer.write { db in
            let record = try ownReport(id, in: db)
            try expect(record, in: [.draft], to: "duyệt số liệu phần")
            guard let form = catalog.form(code: record.formCode), let formSection = form.sections.first(where: { $0.code == section }) else {
                throw ServiceError(.notFound, message: "Biểu mẫu \(record.formCode) không có phần \(section).", log: "no section \(section)")
            }
            guard try actor.may(.approveSectionFigures) || sectionAuthority.mayApprove(actor, section, db) else {
                throw ServiceError(.forbidden, message: try SectionService.refusal(actor, sectionCode: section, title: formSection.title, in: db),
                                   log: "\(actor.login) may not approve section \(section): no delegation")
            }
            try SectionApprovalRecord(reportId: id, sectionCode: section, approvedBy: actor.login, approvedAt: now).save(db)
            // Approving a returned section's corrected figures closes its return.
            let wasReturned = try NodeStore.resolveSectionReturn(section, ofReport: id, by: actor.login, at: now, in: db)
            try audit(db, actor, "report.approveSection", record, wasReturned ? "\(section) (duyệt lại sau khi lãnh đạo trả lại)" : section, now)
        }
    }

    /// Hands a draft to the leader: every section with figures approved, no problem left.
    public func submit(report id: Int64, by actor: StaffMember, at now: Date) throws {
        try require(actor, .submitReport, "trình báo cáo")
        try refuseIfRetired()
        let catalog = try work.catalog()
        let kind = try homeKind()
        try work.store.writer.write { db in
            var record = try ownReport(id, in: db)
            try expect(record, in: [.draft], to: "trình lãnh đạo")
            guard let form = catalog.form(code: record.formCode) else { throw ServiceError(.notFound, message: "Không có biểu mẫu \(record.formCode).", log: "form") }
            try refuseWhileSectionsReturned(record, form: form, to: "trình", in: db)
            let values = try NodeStore.values(ofReport: id, in: db)
            let problems = catalog.validate(values, on: form, reporter: kind)
            if let first = problems.first {
                throw ServiceError(.invalidInput, message: "Chưa trình được: còn \(problems.count) lỗi số liệu, ví dụ \(first.description).",
                                   log: "\(problems.count) value problems")
            }
            let approved = Set(try NodeStore.sectionApprovals(ofReport: id, in: db).map(\.sectionCode))
            // A section this unit's kind need not fill, left empty, needs no approval.
            let filled = Set(values.keys.map(\.indicator))
            let missing = form.sections.filter { section in
                !section.rows.isEmpty && !approved.contains(section.code)
                    && (section.isRequired(of: kind) || section.rows.contains(where: filled.contains))
            }
            if !missing.isEmpty {
                throw ServiceError(.illegalTransition,
                    message: "Chưa trình được: số liệu các phần \(missing.map { "\"\($0.title)\"" }.joined(separator: ", ")) chưa được duyệt.",
                    log: "sections not approved: \(missing.map(\.code))")
            }
            try move(&record, to: .submitted, by: actor, reason: nil, at: now, in: db)
        }
    }

    /// The leader sends a submitted report back to a draft, saying why.
    public func reject(report id: Int64, reason: String, by actor: StaffMember, at now: Date) throws {
        try require(actor, .approveReport, "trả lại báo cáo để sửa")
        let reason = try requiredReason(reason)
        try work.store.writer.write { db in
            var record = try ownReport(id, in: db)
            try expect(record, in: [.submitted], to: "trả lại để sửa")
            record.reason = reason
            try move(&record, to: .draft, by: actor, reason: reason, at: now, in: db)
        }
    }

    /// The leader approves: the report is signed with the unit's key into a bundle — and,
    /// given `personalSignature`, with the leader's own key beside it (DESIGN §7) —,
    /// addressed to the regime's receiver, and held until sent.
    public func approve(report id: Int64, by actor: StaffMember, personalSignature: SigningIdentity? = nil, at now: Date) throws -> String {
        try require(actor, .approveReport, "duyệt và ký báo cáo")
        try refuseIfRetired()
        let catalog = try work.catalog()
        let topology = try work.runtime.topology()
        return try work.store.writer.write { db in
            var record = try ownReport(id, in: db)
            try expect(record, in: [.submitted], to: "duyệt và ký")
            let content = try bundleContent(of: record, approvedBy: actor, catalog: catalog, topology: topology, in: db)
            let made = try work.makeBundle(kind: .report, recipient: .unit(content.receiver), parts: content.parts,
                                           about: content.about, person: personalSignature, at: now, queue: false)
            return try recordApproval(&record, made, by: actor, at: now, in: db)
        }
    }

    /// The first half of an approval signed on the leader's token elsewhere (the signing
    /// service on their PC): the report's bundle made up to its signature — parts,
    /// manifest, the attributes the leader signs — and kept by the caller under a one-time
    /// id. Nothing is stored; ``approve(prepared:personalSignature:by:at:)`` finishes.
    public func prepareApproval(report id: Int64, by actor: StaffMember, at now: Date) throws -> PreparedApproval {
        try require(actor, .approveReport, "duyệt và ký báo cáo")
        try refuseIfRetired()
        let catalog = try work.catalog()
        let topology = try work.runtime.topology()
        return try work.store.writer.read { db in
            let record = try ownReport(id, in: db)
            try expect(record, in: [.submitted], to: "duyệt và ký")
            let content = try bundleContent(of: record, approvedBy: actor, catalog: catalog, topology: topology, in: db)
            let bundle = try work.prepare(kind: .report, recipient: .unit(content.receiver), parts: content.parts, about: content.about, at: now)
            return PreparedApproval(report: id, revision: record.revision, preparedBy: actor.login, bundle: bundle,
                                    attributes: try bundle.signedAttributes(), preparedAt: now)
        }
    }

    /// Approves a report with the bundle prepared for it and the leader's signature made
    /// elsewhere: the report must still be submitted with the very content prepared, the
    /// signature must verify over the prepared attributes, and the whole bundle — the
    /// leader's signature and the unit's, made now — must pass the verifier as the receiver
    /// will; only then is the approval recorded. Anything wrong leaves the report as it was.
    public func approve(prepared: PreparedApproval, personalSignature: SignedDataBuilder.ExternalSignature,
                        by actor: StaffMember, at now: Date) throws -> String {
        try require(actor, .approveReport, "duyệt và ký báo cáo")
        guard actor.login == prepared.preparedBy else {
            throw ServiceError(.forbidden, message: "Bản chuẩn bị ký này do \(prepared.preparedBy) lập; \(actor.displayName) không dùng được nó.",
                               log: "\(actor.login) used an approval prepared by \(prepared.preparedBy)")
        }
        let catalog = try work.catalog()
        let topology = try work.runtime.topology()
        return try work.store.writer.write { db in
            var record = try ownReport(prepared.report, in: db)
            try expect(record, in: [.submitted], to: "duyệt và ký")
            let content = try bundleContent(of: record, approvedBy: actor, catalog: catalog, topology: topology, in: db)
            guard record.revision == prepared.revision,
                  content.parts.map(\.data) == prepared.bundle.parts.map(\.data),
                  content.parts.map(\.path) == prepared.bundle.parts.map(\.path) else {
                throw ServiceError(.illegalTransition, message: "Báo cáo đã thay đổi từ khi chuẩn bị ký; hãy bấm \"Duyệt và ký số\" lại để ký nội dung hiện tại.",
                                   log: "report \(prepared.report) changed since it was prepared for signing")
            }
            let made = try work.assemble(prepared.bundle, person: personalSignature, at: now, queue: false)
            return try recordApproval(&record, made, by: actor, at: now, in: db)
        }
    }

    /// What a report's bundle holds: `report.json` and the attachments, addressed to the
    /// regime's receiver.
    private func bundleContent(of record: ReportRecord, approvedBy actor: StaffMember, catalog: Catalog, topology: Topology,
                               in db: Database) throws -> (receiver: UnitCode, parts: [BundleWriter.Part], about: [String: String]) {
        let id = record.id ?? 0
        try refuseWhileSectionsReturned(record, form: catalog.form(code: record.formCode), to: "duyệt và ký", in: db)
        guard let regime = catalog.regime(code: record.regimeCode) else {
            throw ServiceError(.notFound, message: "Chế độ \(record.regimeCode) không còn trong danh mục.", log: "regime gone")
        }
        guard let receiver = regime.receiver(in: topology) ?? topology.unit(code: work.home)?.parentCode else {
            throw ServiceError(.invalidInput, message: "Đơn vị \(work.home) không có cấp trên để gửi báo cáo \(regime.code).", log: "no receiver")
        }
        let document = ReportDocument(
            regime: record.regimeCode, period: record.period, unit: work.home, revision: record.revision,
            form: record.formCode, formVersion: record.formVersion, releaseVersion: record.releaseVersion,
            values: try NodeStore.values(ofReport: id, in: db), narrative: record.narrative,
            sectionApprovals: try NodeStore.sectionApprovals(ofReport: id, in: db).map {
                .init(section: $0.sectionCode, approvedBy: $0.approvedBy, approvedAt: $0.approvedAt)
            },
            approvedBy: actor.login,
            attachments: try NodeStore.attachments(ofReport: id, in: db).enumerated().map { $1.described(at: $0 + 1) })
        let files = try NodeStore.attachments(ofReport: id, withData: true, in: db).enumerated()
            .map { BundleWriter.Part(path: ReportDocument.Attachment.part($0 + 1), data: $1.data, mediaType: $1.contentType) }
        let about = ["regime": record.regimeCode.rawValue, "period": record.period.id, "unit": work.home.rawValue, "revision": String(record.revision)]
        return (receiver, [BundleWriter.Part(path: ReportDocument.partPath, data: try document.encoded())] + files, about)
    }

    private func recordApproval(_ record: inout ReportRecord, _ made: NodeWork.MadeBundle, by actor: StaffMember, at now: Date,
                                in db: Database) throws -> String {
        try made.bundle.insert(db)
        record.bundleId = made.id
        record.signedAt = now
        try move(&record, to: .approved, by: actor, reason: nil, at: now, in: db)
        return made.id
    }

    /// Hands an approved report to the sync queue towards its receiver.
    public func send(report id: Int64, by actor: StaffMember, at now: Date) throws {
        try require(actor, .sendReport, "gửi báo cáo")
        try work.store.writer.write { db in
            var record = try ownReport(id, in: db)
            try expect(record, in: [.approved], to: "gửi")
            guard let bundleId = record.bundleId, let bundle = try StoredBundle.fetchOne(db, key: bundleId) else {
                throw ServiceError(.notFound, message: "Không tìm thấy gói tin đã ký của báo cáo.", log: "bundle missing")
            }
            for delivery in try work.deliveries(of: bundleId, to: bundle.recipient, at: now) {
                try NodeStore.replaceDelivery(delivery, in: db)
            }
            try move(&record, to: .sent, by: actor, reason: nil, at: now, in: db)
        }
    }

    // MARK: - Reading

    /// The latest revision of the node's own report for a regime-period.
    public func latest(regime: RegimeCode, period: Period) throws -> ReportRecord? {
        try work.store.writer.read { db in try NodeStore.revisions(regime: regime, period: period, unit: work.home, in: db).last }
    }

    /// The node's own reports, every revision, newest first.
    public func list(regime: RegimeCode? = nil, by actor: StaffMember) throws -> [ReportRecord] {
        try require(actor, .read, "xem báo cáo")
        return try work.store.writer.read { db in
            var request = ReportRecord.filter(ReportRecord.Columns.unitCode == work.home)
            if let regime { request = request.filter(ReportRecord.Columns.regimeCode == regime) }
            return try request.order(ReportRecord.Columns.period.desc, ReportRecord.Columns.regimeCode, ReportRecord.Columns.revision.desc).fetchAll(db)
        }
    }

    public func details(report id: Int64, by actor: StaffMember) throws -> Details {
        try require(actor, .read, "xem báo cáo")
        let catalog = try work.catalog()
        let kind = try homeKind()
        return try work.store.writer.read { db in
            guard let record = try NodeStore.report(id: id, in: db) else {
                throw ServiceError(.notFound, message: "Không có báo cáo số \(id).", log: "no report \(id)")
            }
            let form = catalog.form(code: record.formCode, version: record.formVersion) ?? catalog.form(code: record.formCode)
            // The values and their validation are kept until the values or the catalog change.
            let isDraft = record.state == .draft
            let version = try NodeStore.valuesVersion(ofReport: id, in: db)
            let cache = work.store.reportContent
            let cached = cache.content(report: id, version: version, catalog: catalog)
            let content: ReportContentCache.Content
            if let cached, cached.problems != nil || !isDraft {
                content = cached
            } else {
                let values = try cached?.values ?? NodeStore.values(ofReport: id, in: db)
                content = ReportContentCache.Content(values: values, problems: isDraft ? form.map { catalog.validate(values, on: $0, reporter: kind) } ?? [] : nil)
                cache.keep(content, report: id, version: version, catalog: catalog)
            }
            return Details(report: record, values: content.values, events: try NodeStore.events(ofReport: id, in: db),
                           sectionApprovals: try NodeStore.sectionApprovals(ofReport: id, in: db),
                           openSectionReturns: try NodeStore.openSectionReturns(ofReport: id, in: db), form: form,
                           problems: isDraft ? content.problems ?? [] : [], valuesVersion: version)
        }
    }

    // MARK: - Helpers

    /// A form section assigned to a section of the unit (same code) is entered by that
    /// section's people (members, head, delegated clerks) or by the aggregator; a section
    /// not assigned is open to anyone who enters figures.
    private func checkSections(of form: Form, touching indicators: Set<String>, by actor: StaffMember, in db: Database) throws {
        guard !actor.roles.contains(.aggregator) else { return }
        for section in form.sections where !indicators.isDisjoint(with: section.rows) {
            guard try NodeStore.section(code: section.code, in: db) != nil else { continue }
            guard try NodeStore.worksInSection(section.code, userId: actor.userId, in: db) else {
                throw ServiceError(.forbidden,
                    message: "\(actor.displayName) không có quyền nhập số liệu phần \"\(section.title)\": phần này được giao cho bộ phận \(section.code).",
                    log: "\(actor.login) not in section \(section.code)")
            }
        }
    }

    /// A report this node may open in full: its unit's own, or one it received as the
    /// report's receiver — never an archive copy it keeps of a report exchanged below it
    /// (``ReportRecord/relayedFor``), whose receiver is another unit.
    func readableReport(_ id: Int64, in db: Database) throws -> ReportRecord {
        guard let record = try NodeStore.report(id: id, in: db), record.unitCode == work.home || record.relayedFor == nil else {
            throw ServiceError(.notFound, message: "Không có báo cáo số \(id) của đơn vị này hoặc gửi đến đơn vị này.",
                               log: "no own or received report \(id)")
        }
        return record
    }

    /// The report `id` if this node may open it in full (print it, download its form or
    /// attachments): the unit's own, or one it received as the receiver.
    ///
    /// #### Errors
    /// ``ErrorCode/notFound`` for any other, archive copies relayed up from below included;
    /// ``ErrorCode/forbidden`` without the right to read.
    public func readableReport(_ id: Int64, by actor: StaffMember) throws -> ReportRecord {
        try require(actor, .read, "xem báo cáo")
        return try work.store.writer.read { db in try readableReport(id, in: db) }
    }

    /// The kind of the node's unit (commune, department…): which sections it must fill.
    /// `nil` when the map does not name it (then every required figure is required).
    func homeKind() throws -> UnitKind? {
        try work.runtime.topology().unit(code: work.home)?.kind
    }

    func ownReport(_ id: Int64, in db: Database) throws -> ReportRecord {
        guard let record = try NodeStore.report(id: id, in: db), record.unitCode == work.home else {
            throw ServiceError(.notFound, message: "Không có báo cáo số \(id) của đơn vị này.", log: "no own report \(id)")
        }
        return record
    }

    func move(_ record: inout ReportRecord, to state: ReportState, by actor: StaffMember, reason: String?, at now: Date, in db: Database) throws {
        let from = record.state
        record.state = state
        record.updatedAt = now
        try record.update(db)
        try history(db, record.id!, actor, from, state, reason, now)
        try audit(db, actor, "report.\(state.rawValue)", record, reason, now)
    }

    private func history(_ db: Database, _ id: Int64, _ actor: StaffMember, _ from: ReportState?, _ to: ReportState, _ reason: String?, _ now: Date) throws {
        var event = ReportEvent(reportId: id, at: now, actor: actor.login, fromState: from, toState: to, reason: reason)
        try event.insert(db)
    }
}
