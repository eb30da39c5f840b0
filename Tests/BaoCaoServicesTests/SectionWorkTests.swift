import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// Who approves a section's figures, the leader returning one section, and who must fill
/// what (issue 21, items 4, 7 and 14).
@Suite("Sections: approval by delegation, one section returned, required-ness by reporter")
struct SectionWorkTests {
    let nodes: SectionNodes

    init() throws { nodes = try SectionNodes() }

    /// A draft at the commune with both sections' figures entered by section A's member.
    private func enteredDraft(at unit: UnitCode = "04801") throws -> Int64 {
        let reports = nodes.reports(unit)
        let member = try nodes.person("nhaplieu", at: unit)
        let id = try reports.create(regime: "R1", period: "2026-10", by: member, at: Date()).id!
        let problems = try reports.setValues(report: id, [("NN01", "1.245,5"), ("NN02", "6.100"), ("TC01", "12,125")], by: member, at: Date())
        #expect(problems.isEmpty, "\(problems)")
        return id
    }

    // 002 art. 10.2b: "Duyệt số liệu đối với những biểu mẫu mình phụ trách (nếu được ủy quyền)".
    @Test func sectionHead_approvesFigures_onlyByTheLeadersDelegation() throws {
        let reports = nodes.reports("04801")
        let (leader, head) = (try nodes.person("lanhdao", at: "04801"), try nodes.person("truong", at: "04801"))
        let id = try enteredDraft()

        // Heading section A is not enough: refused, saying a delegation from the leader is needed.
        let refused = #expect(throws: ServiceError.self) { try reports.approveSection(report: id, section: "A", by: head, at: Date()) }
        #expect(refused?.code == .forbidden)
        #expect(refused?.message == "Chị Trưởng Phòng là trưởng bộ phận A nhưng chưa được lãnh đạo ủy quyền duyệt số liệu phần \"Nông nghiệp\": "
            + "trưởng bộ phận chỉ duyệt số liệu khi được lãnh đạo đơn vị ủy quyền (lãnh đạo ủy quyền bằng: baocao section delegate A truong).")
        #expect(try reports.details(report: id, by: head).sectionApprovals.isEmpty)
        #expect(try nodes.sections("04801").headedWithoutDelegation(by: head) == ["A"])

        // With the leader's delegation in force, the head approves A — and only A.
        try nodes.sections("04801").delegate(section: "A", to: "truong", by: leader, at: Date())
        try reports.approveSection(report: id, section: "A", by: head, at: Date())
        #expect(try reports.details(report: id, by: head).sectionApprovals.map(\.approvedBy) == ["truong"])
        #expect(throws: ServiceError.self) { try reports.approveSection(report: id, section: "B", by: head, at: Date()) }
        #expect(try nodes.sections("04801").headedWithoutDelegation(by: head).isEmpty)

        // Revoked: refused again.
        try nodes.sections("04801").revoke(section: "A", from: "truong", by: leader, at: Date())
        let again = #expect(throws: ServiceError.self) { try reports.approveSection(report: id, section: "A", by: head, at: Date()) }
        #expect(again?.message.contains("chưa được lãnh đạo ủy quyền") == true)
        // The leader approves any section by role.
        try reports.approveSection(report: id, section: "B", by: leader, at: Date())
    }

    // 002 art. 12.3–12.4: the sections collect their figures and pass them to the leader;
    // figures the leader does not approve go back to the section with the reason, to be
    // corrected and submitted again.
    @Test func leaderReturnsOneSection_theRestStays_andTheReportWaitsForItsCorrection() throws {
        let reports = nodes.reports("04801")
        let (leader, member) = (try nodes.person("lanhdao", at: "04801"), try nodes.person("nhaplieu", at: "04801"))
        let id = try enteredDraft()
        for section in ["A", "B"] { try reports.approveSection(report: id, section: section, by: leader, at: Date()) }
        try reports.submit(report: id, by: member, at: Date())

        // Only the leader returns, and only with a reason.
        let byClerk = #expect(throws: ServiceError.self) {
            try reports.returnSection(report: id, section: "A", reason: "Sai", by: member, at: Date())
        }
        #expect(byClerk?.code == .forbidden)
        let noReason = #expect(throws: ServiceError.self) { try reports.returnSection(report: id, section: "A", reason: "  ", by: leader, at: Date()) }
        #expect(noReason?.message == "Phải ghi rõ lý do.")

        let reason = "Diện tích lúa chưa khớp số liệu của Chi cục Thống kê"
        try reports.returnSection(report: id, section: "A", reason: reason, by: leader, at: Date())
        let returned = try reports.details(report: id, by: member)
        // The section's members see it returned, with the reason.
        #expect(returned.openSectionReturns.map(\.sectionCode) == ["A"])
        #expect(returned.openSectionReturns.first?.reason == reason && returned.openSectionReturns.first?.returnedBy == "lanhdao")
        // A's approval is cleared; B's approval and every figure stay as they were.
        #expect(returned.sectionApprovals.map(\.sectionCode) == ["B"])
        #expect(returned.values[ValueKey("NN01")]?.text == "1245.5" && returned.values[ValueKey("TC01")]?.text == "12.125")
        // The report comes back as a draft to correct, saying which section and why.
        #expect(returned.report.state == .draft)
        #expect(returned.events.last?.reason == "Trả lại phần \"Nông nghiệp\" cho bộ phận sửa: \(reason)")
        // The same section twice is refused while it is open.
        #expect(throws: ServiceError.self) { try reports.returnSection(report: id, section: "A", reason: "Lần nữa", by: leader, at: Date()) }

        // While A is returned, the report can be neither submitted nor approved and signed.
        let early = #expect(throws: ServiceError.self) { try reports.submit(report: id, by: member, at: Date()) }
        #expect(early?.code == .illegalTransition)
        #expect(early?.message == "Chưa trình được: lãnh đạo đã trả lại số liệu phần \"Nông nghiệp\" (lý do: \(reason)); "
            + "bộ phận cần sửa và duyệt lại số liệu phần đó trước.")
        #expect(throws: ServiceError.self) { _ = try reports.approve(report: id, by: leader, at: Date()) }

        // The section corrects its figures and they are approved again: the return closes.
        try reports.setValues(report: id, [("NN01", "1.250")], by: member, at: Date())
        try reports.approveSection(report: id, section: "A", by: leader, at: Date())
        let corrected = try reports.details(report: id, by: member)
        #expect(corrected.openSectionReturns.isEmpty)
        #expect(try nodes.work("04801").store.writer.read { try NodeStore.sectionReturns(ofReport: id, in: $0) }.first?.resolvedBy == "lanhdao")
        try reports.submit(report: id, by: member, at: Date())
        _ = try reports.approve(report: id, by: leader, at: Date())
        #expect(try reports.details(report: id, by: member).report.state == .approved)

        // Audited: who returned which section, and why; its approval again.
        let audit = try nodes.audit("04801")
        let entry = try #require(audit.last { $0.action == "report.returnSection" })
        #expect(entry.actor == "lanhdao" && entry.detail == "A: \(reason)")
        #expect(audit.contains { $0.action == "report.approveSection" && $0.detail == "A (duyệt lại sau khi lãnh đạo trả lại)" })
    }

    /// A draft not yet submitted: the leader returns a section the delegate approved; the
    /// report stays a draft, the other section's approval kept.
    @Test func leaderReturnsASection_ofADraft() throws {
        let reports = nodes.reports("04801")
        let leader = try nodes.person("lanhdao", at: "04801")
        let id = try enteredDraft()
        for section in ["A", "B"] { try reports.approveSection(report: id, section: section, by: leader, at: Date()) }
        try reports.returnSection(report: id, section: "B", reason: "Thiếu số chi", by: leader, at: Date())
        let details = try reports.details(report: id, by: leader)
        #expect(details.report.state == .draft && details.sectionApprovals.map(\.sectionCode) == ["A"])
        #expect(details.events.count == 1)  // no move: still the draft it was
        let missing = #expect(throws: ServiceError.self) { try reports.returnSection(report: id, section: "X", reason: "?", by: leader, at: Date()) }
        #expect(missing?.message == "Biểu mẫu F1 không có phần X.")
    }

    // Who must fill what (issue 21 item 14): the monthly form is reported by communes and
    // departments, which do not report every indicator.
    @Test func requiredFigures_followTheReportersKind() throws {
        let catalog = SectionNodes.catalog
        let form = SectionNodes.form
        let onlyRevenue: [ValueKey: ReportValue] = [ValueKey("TC01"): ReportValue(text: "5")]
        // A commune must give the rice area; a department need not (section A is communes' and districts').
        #expect(catalog.validate(onlyRevenue, on: form, reporter: .commune).map(\.indicator) == ["NN01"])
        #expect(catalog.validate(onlyRevenue, on: form, reporter: .department).isEmpty)
        // Revenue (section B, no requiredFor) is required of everyone, as before.
        #expect(catalog.validate([:], on: form, reporter: .department).map(\.indicator) == ["TC01"])
        // Without a kind, as today: every required indicator.
        #expect(catalog.validate([:], on: form).map(\.indicator).sorted() == ["NN01", "TC01"])
        // What the web form and the Excel sheet mark required follows the same rule.
        let area = try #require(catalog.indicator(code: "NN01"))
        #expect(form.requires(area, of: .commune) && !form.requires(area, of: .department) && form.requires(area, of: nil))
        // An empty requiredFor names no one: the catalog check refuses it.
        var broken = catalog
        broken.forms[0].sections[0].requiredFor = []
        #expect(broken.problems().contains { $0.message.contains("requiredFor không nêu loại đơn vị nào") })
    }

    /// At the department's node the draft's problems, submission and approval follow: the
    /// rice area is not asked for, and section A, left empty, needs no approval.
    @Test func department_submitsWithoutTheCommunesSection() throws {
        let reports = nodes.reports("17-SNN")
        let (leader, member) = (try nodes.person("lanhdao", at: "17-SNN"), try nodes.person("nhaplieu", at: "17-SNN"))
        let id = try reports.create(regime: "R1", period: "2026-10", by: member, at: Date()).id!
        #expect(try reports.setValues(report: id, [("TC01", "40")], by: member, at: Date()).isEmpty)
        #expect(try reports.details(report: id, by: member).problems.isEmpty)
        try reports.approveSection(report: id, section: "B", by: leader, at: Date())
        try reports.submit(report: id, by: member, at: Date())
        _ = try reports.approve(report: id, by: leader, at: Date())

        // The commune's same draft is refused: the rice area is missing.
        let communeReports = nodes.reports("04801")
        let communeMember = try nodes.person("nhaplieu", at: "04801")
        let commune = try communeReports.create(regime: "R1", period: "2026-10", by: communeMember, at: Date()).id!
        #expect(try communeReports.setValues(report: commune, [("TC01", "40")], by: communeMember, at: Date()).map(\.indicator) == ["NN01"])
        try communeReports.approveSection(report: commune, section: "B", by: try nodes.person("lanhdao", at: "04801"), at: Date())
        let refused = #expect(throws: ServiceError.self) { try communeReports.submit(report: commune, by: communeMember, at: Date()) }
        #expect(refused?.message.hasPrefix("Chưa trình được: còn 1 lỗi số liệu") == true)
    }

    /// A department that does give figures in section A has them approved like any other.
    @Test func department_figuresInAnOptionalSection_stillNeedApproval() throws {
        let reports = nodes.reports("17-SNN")
        let (leader, member) = (try nodes.person("lanhdao", at: "17-SNN"), try nodes.person("nhaplieu", at: "17-SNN"))
        let id = try reports.create(regime: "R1", period: "2026-10", by: member, at: Date()).id!
        try reports.setValues(report: id, [("TC01", "40"), ("NN02", "15")], by: member, at: Date())
        try reports.approveSection(report: id, section: "B", by: leader, at: Date())
        let refused = #expect(throws: ServiceError.self) { try reports.submit(report: id, by: member, at: Date()) }
        #expect(refused?.message == "Chưa trình được: số liệu các phần \"Nông nghiệp\" chưa được duyệt.")
    }

    /// The sample catalog: departments are not asked the monthly form's commune figures.
    @Test func sampleCatalog_monthlyForm_asksCommunesNotDepartments() throws {
        let catalog = try SampleCatalogs.reporting()
        let form = try #require(catalog.form(code: "KTXH-THANG"))
        let area = try #require(catalog.indicator(code: "NN01"))
        #expect(form.requires(area, of: .commune) && form.requires(area, of: .district))
        #expect(!form.requires(area, of: .department))
        #expect(catalog.validate([:], on: form, reporter: .department).isEmpty)
        #expect(!catalog.validate([:], on: form, reporter: .commune).isEmpty)
    }
}
