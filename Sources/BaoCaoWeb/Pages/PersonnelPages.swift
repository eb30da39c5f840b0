import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// Personnel records (seed 003) for those granted them: the roster with the quota and the
/// count against it (those who left apart), search, one record on a chosen date with its
/// history, the curriculum vitae to print, the roster as Excel, new people and their
/// changes (pending until the unit head approves), the deadlines of art. 9–10, the yearly
/// supplementary declarations, and who read whose record. Everything goes through
/// ``PersonnelService``, which checks the grant and audits every read.
struct PersonnelPages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/nhan-su") { request, context in try roster(request, context: context) }
        router.getPage("/nhan-su/tim-kiem") { request, context in try search(request, context: context) }
        router.getPage("/nhan-su/danh-sach.xlsx") { request, context in try rosterWorkbook(request, context: context) }
        router.getPage("/nhan-su/moi") { _, context in try newPersonForm(context: context) }
        router.postForm("/nhan-su/moi") { form, context in try recruit(form, context: context) }
        router.getPage("/nhan-su/qua-han") { _, context in try duties(context: context) }
        router.getPage("/nhan-su/bo-sung-ly-lich") { request, context in try declarations(request, context: context) }
        router.postForm("/nhan-su/bo-sung-ly-lich") { form, context in try requestDeclarations(form, context: context) }
        router.getPage("/nhan-su/nhat-ky") { _, context in try readAudit(context: context) }
        router.getPage("/quan-tri/quyen-ho-so") { _, context in try grants(context: context) }
        router.postForm("/quan-tri/quyen-ho-so") { form, context in try grant(form, context: context) }
        router.postForm("/quan-tri/quyen-ho-so/thu-hoi") { form, context in try revoke(form, context: context) }
        router.getPage("/nhan-su/:record") { request, context in try record(request, context: context) }
        router.getPage("/nhan-su/:record/in") { request, context in try printVitae(request, context: context) }
        router.getPage("/nhan-su/:record/bien-dong") { _, context in try eventForm(context: context) }
        router.postForm("/nhan-su/:record/bien-dong") { form, context in try addEvent(form, context: context) }
        router.postForm("/nhan-su/:record/duyet") { _, context in try approve(context: context) }
    }

    var service: PersonnelService { web.personnel }

    /// The record number in the path, read into its type (400 with the reason otherwise).
    static func recordID(_ context: WebRequestContext) throws -> PersonnelID {
        try PersonnelID(parsing: context.parameters.get("record") ?? "")
    }

    /// The day asked for (`?ngay=`, dd/mm/yyyy or yyyy-mm-dd), today by default.
    static func day(_ request: Request) throws -> CivilDate {
        guard let text = PageSupport.query(request, "ngay") else { return VietnamTime.civilDate(at: Date()) }
        return try CivilDate(personnelText: text, field: "Ngày xem")
    }

    func unitName(_ code: UnitCode, _ topology: Topology) -> String {
        topology.unit(code: code)?.name ?? code.rawValue
    }

    func lines(_ lines: [PersonnelRosterLine], catalog: PersonnelCatalog?, topology: Topology) -> [PersonnelRosterView.Line] {
        lines.map { line in
            PersonnelRosterView.Line(id: line.id.rawValue, fullName: line.fullName, unit: unitName(line.unit, topology), section: line.section ?? "",
                                     kind: line.kind.vietnameseName, rank: line.rank.map { catalog?.rank(code: $0)?.name ?? $0 } ?? "",
                                     status: line.status.vietnameseName)
        }
    }

    func roster(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let day = try Self.day(request)
        let roster = try service.roster(on: day, by: actor, at: Date())
        let catalog = try? service.catalog()
        let topology = try web.work.runtime.topology()
        let scopes = try service.scopes(of: actor)
        let view = PersonnelRosterView(
            date: day.personnelDisplayText, dateValue: day.description,
            quotas: roster.quotas.map { quota in
                .init(unit: unitName(quota.unit, topology), section: quota.section ?? "cả đơn vị", quota: quota.quota, counted: quota.counted,
                      over: quota.overQuota > 0 ? "vượt \(quota.overQuota)" : nil,
                      decision: "\(quota.decisionNumber) ngày \(quota.decisionDate.personnelDisplayText)")
            },
            working: lines(roster.working, catalog: catalog, topology: topology),
            left: lines(roster.left, catalog: catalog, topology: topology),
            hasLeft: !roster.left.isEmpty,
            mayEdit: scopes.contains(.edit), mayApprove: actor.roles.contains(.approver), mayAudit: actor.may(.readAudit),
            search: PersonnelSearchForm(web: web, catalog: catalog, query: PersonnelQuery()))
        return try web.pages.page(view, title: "Hồ sơ cán bộ", context: context)
    }

    func search(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        // A browser sends the spaces of a GET form as "+" (HTML form encoding), which the
        // query's percent-decoding keeps: a name has none of its own.
        var query = PersonnelQuery(name: (PageSupport.query(request, "ten") ?? "").replacingOccurrences(of: "+", with: " "))
        query.unit = try PageSupport.query(request, "don-vi", as: UnitCode.self)
        query.rank = PageSupport.query(request, "ngach")
        query.position = PageSupport.query(request, "chuc-vu")
        if let status = PageSupport.query(request, "trang-thai") {
            guard let value = PersonnelStatus(rawValue: status) else {
                throw ServiceError(.invalidInput, message: "Trạng thái \"\(status)\" không có trong danh mục.", log: "unknown status")
            }
            query.status = value
        }
        let found = try service.search(query, by: actor, at: Date())
        let catalog = try? service.catalog()
        let view = PersonnelSearchView(
            form: PersonnelSearchForm(web: web, catalog: catalog, query: query),
            results: lines(found, catalog: catalog, topology: try web.work.runtime.topology()), count: found.count)
        return try web.pages.page(view, title: "Tìm hồ sơ cán bộ", context: context)
    }

    func record(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let id = try Self.recordID(context)
        let day = try Self.day(request)
        let record = try service.read(id, on: day, by: actor, at: Date())
        let topology = try web.work.runtime.topology()
        let scopes = try service.scopes(of: actor)
        let personal = record.personal
        let view = PersonnelRecordPageView(
            id: id.rawValue, csrf: context.csrfToken, date: day.personnelDisplayText, dateValue: day.description,
            fullName: record.fullName,
            status: record.status?.vietnameseName ?? "chưa có dữ liệu đã duyệt vào ngày này",
            fields: [
                .init(label: "Họ và tên khai sinh", value: record.fullName),
                .init(label: "Tên gọi khác", value: record.otherNames ?? "—"),
                .init(label: "Ngày sinh", value: record.birthDate.personnelDisplayText),
                .init(label: "Giới tính", value: record.sex.vietnameseName),
                .init(label: "Số định danh cá nhân", value: record.nationalIDNumber ?? "—"),
                .init(label: "Nơi sinh", value: record.birthplace ?? "—"),
                .init(label: "Quê quán", value: record.hometown ?? "—"),
                .init(label: "Nơi ở hiện nay", value: record.residence ?? "—"),
                .init(label: "Đơn vị", value: record.unit.map { unitName($0, topology) } ?? "—"),
                .init(label: "Phòng, ban", value: record.section ?? "—"),
                .init(label: "Loại", value: record.kind?.vietnameseName ?? "—"),
                .init(label: "Chức vụ", value: record.positions.isEmpty ? "—" : record.positions.joined(separator: "; ")),
                .init(label: "Ngạch", value: record.rankName ?? record.rank ?? "—"),
                .init(label: "Bậc", value: record.step.map(String.init) ?? "—"),
                .init(label: "Hệ số lương", value: record.coefficient.map(VietnameseNumberFormat.format) ?? "—"),
                .init(label: "Danh hiệu", value: personal.titles.isEmpty ? "—" : personal.titles.joined(separator: "; ")),
            ],
            sensitive: [
                .init(label: "Dân tộc", shown: personal.ethnicity), .init(label: "Tôn giáo", shown: personal.religion),
                .init(label: "Thành phần xuất thân", shown: personal.origin), .init(label: "Tình trạng sức khỏe", shown: personal.health),
                .init(label: "Nhóm máu", shown: personal.bloodGroup), .init(label: "Tình trạng hôn nhân", shown: personal.maritalStatus),
                .init(label: "Đối tượng chính sách", shown: personal.policyGroup),
                .init(label: "Hạng thương binh", shown: personal.warInvalidRank),
            ],
            familyMasked: personal.family.isMasked,
            family: (personal.family.value ?? []).map {
                .init(side: $0.side.vietnameseName, relation: $0.relation, fullName: $0.fullName, birthYear: $0.birthYear.map(String.init) ?? "",
                      details: $0.details ?? "")
            },
            history: record.history.map { entry in
                .init(sequence: entry.sequence, effectiveOn: entry.effectiveOn.personnelDisplayText, summary: entry.summary,
                      decision: entry.decision.map { "\($0.number) ngày \($0.signedOn.personnelDisplayText) của \($0.issuer)" } ?? "—",
                      recordedBy: "\(entry.recordedByAccount) (\(entry.recordedBy))", pending: entry.isPending,
                      approvedBy: entry.approvedBy ?? "")
            },
            hasPending: record.hasPendingEvents,
            mayApprove: actor.roles.contains(.approver) && record.hasPendingEvents && record.holding == .kept,
            mayEdit: scopes.contains(.edit) && record.holding == .kept)
        return try web.pages.page(view, title: "Hồ sơ \(id)", context: context)
    }
}
