import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Hummingbird

extension PersonnelPages {
    /// What waits for the unit head's approval, each with the deadline of art. 9–10 it
    /// must be current by; the overdue first.
    func duties(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let items = try service.dutiesDue(by: actor, at: Date())
        let view = PersonnelDutiesView(
            csrf: context.csrfToken, items: items.map { item in
                .init(id: item.id.rawValue, sequence: item.eventSequence, duty: Self.dutyName(item.duty), article: item.article,
                      effectiveOn: item.effectiveOn.personnelDisplayText, dueOn: item.dueOn.personnelDisplayText,
                      late: item.isOverdue ? "quá hạn \(item.daysLate) ngày" : nil, approvable: item.duty != .forwardTransfer)
            },
            overdue: items.filter(\.isOverdue).count, mayApprove: actor.roles.contains(.approver))
        return try web.pages.page(view, title: "Biến động chờ duyệt và hạn cập nhật", context: context)
    }

    static func dutyName(_ duty: PersonnelDuty) -> String {
        switch duty {
        case .enterNewPerson: "Nhập hồ sơ người mới (\(duty.workingDays) ngày làm việc)"
        case .recordStateChange: "Cập nhật biến động theo quyết định (\(duty.workingDays) ngày làm việc)"
        case .recordMoveWithinUnit: "Cập nhật điều chuyển trong đơn vị (\(duty.workingDays) ngày làm việc)"
        case .sendTransfer: "Gửi hồ sơ chuyển công tác (\(duty.workingDays) ngày làm việc)"
        case .forwardTransfer: "Chuyển tiếp hồ sơ đến đơn vị sử dụng (\(duty.workingDays) ngày làm việc)"
        case .recordLeaving: "Cập nhật nghỉ hưu, thôi việc, từ trần (\(duty.workingDays) ngày làm việc)"
        }
    }

    func declarations(_ request: Request, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let year = PageSupport.query(request, "nam").flatMap(Int.init) ?? VietnamTime.civilDate(at: Date()).year
        let list = try service.declarations(year: year, by: actor, at: Date())
        let view = PersonnelDeclarationsView(
            csrf: context.csrfToken, year: year, mayRequest: try service.scopes(of: actor).contains(.edit),
            rows: list.map { .init(id: $0.id.rawValue, fullName: $0.fullName, declaredAt: $0.declaredAt.map(PageSupport.time)) },
            outstanding: list.filter(\.isOutstanding).count)
        return try web.pages.page(view, title: "Phiếu bổ sung lý lịch năm \(year)", context: context)
    }

    func requestDeclarations(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        let year = try Self.number(form, "nam", "Năm kê khai")
        let count = try service.requestDeclarations(year: year, by: actor, at: Date())
        return PageSupport.redirect(to: "/nhan-su/bo-sung-ly-lich?nam=\(year)", flash: "Đã yêu cầu \(count) người kê khai phiếu bổ sung lý lịch năm \(year).",
                                    web, context)
    }

    /// Who read whose record: the audit log's personnel entries, newest first, the numbers
    /// named (with the person's name for a reader who may read the record).
    func readAudit(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard actor.may(.readAudit) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xem nhật ký khai thác hồ sơ (cần vai trò quản trị hoặc lãnh đạo).",
                               log: "\(actor.login) may not read the personnel audit")
        }
        let entries = try AuditLog.entries(in: web.work.store, limit: 2_000).filter { $0.action.hasPrefix("personnel.") }.prefix(300)
        let numbers = entries.flatMap { entry in
            ((entry.object ?? "") + "," + (entry.detail ?? "")).split(whereSeparator: { ",: ;".contains($0) })
                .compactMap { try? PersonnelID(parsing: String($0)) }
        }
        let names = try service.namesForAudit(Array(Set(numbers)), by: actor)
        let view = PersonnelAuditView(entries: entries.map { entry in
            let ids = ((entry.object ?? "") + "," + (entry.detail ?? "")).split(whereSeparator: { ",: ;".contains($0) })
                .compactMap { try? PersonnelID(parsing: String($0)) }
            var seen: Set<PersonnelID> = []
            return .init(at: entry.instant.map(VietnamTime.displayText) ?? entry.at, actor: entry.actor, action: Self.actionName(entry.action),
                         records: ids.filter { seen.insert($0).inserted }.map { .init(id: $0.rawValue, name: names[$0] ?? "") },
                         detail: entry.detail ?? "")
        })
        return try web.pages.page(view, title: "Nhật ký khai thác hồ sơ cán bộ", context: context)
    }

    static func actionName(_ action: String) -> String {
        switch action {
        case "personnel.read": "xem hồ sơ"
        case "personnel.search": "tìm kiếm"
        case "personnel.roster": "xem danh sách"
        case "personnel.export": "in, kết xuất"
        case "personnel.recruit": "nhập người mới"
        case "personnel.event": "ghi biến động"
        case "personnel.approve": "duyệt"
        case "personnel.grant": "cấp quyền"
        case "personnel.revoke": "thu hồi quyền"
        default: action
        }
    }

    /// The grants on personnel records, with the written approval each rests on (art. 3.3);
    /// the admin gives and withdraws them.
    func grants(context: WebRequestContext, error: String? = nil) throws -> Response {
        let actor = try PageSupport.actor(context)
        let grants = try service.grants(by: actor)
        let view = PersonnelGrantsView(
            csrf: context.csrfToken, error: error,
            grants: grants.map { grant in
                .init(login: grant.login, scope: grant.scope.rawValue, scopeName: grant.scope.vietnameseName,
                      document: "\(grant.documentNumber) ngày \(grant.documentDate.personnelDisplayText)",
                      granted: "\(grant.grantedBy), \(PageSupport.time(grant.grantedAt))",
                      revoked: grant.revokedAt.map { "\(grant.revokedBy ?? ""), \(PageSupport.time($0))" })
            },
            scopes: PersonnelScope.allCases.map { .init(code: $0.rawValue, name: $0.vietnameseName) },
            users: try web.accounts.list(by: actor).map { .init(code: $0.login, name: "\($0.displayName) (\($0.login))") })
        return try web.pages.page(view, title: "Quyền khai thác hồ sơ cán bộ", context: context)
    }

    func grant(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let scope = PersonnelScope(rawValue: form["quyen"] ?? "") else {
            throw ServiceError(.invalidInput, message: "Chưa chọn quyền cần cấp.", log: "missing scope")
        }
        let login = try Self.required(form, "tai-khoan", "Tài khoản")
        let date = try Self.text(form, "ngay-van-ban").map { try CivilDate(personnelText: $0, field: "Ngày văn bản") }
        try service.grant(login: login, scope: scope, documentNumber: Self.text(form, "so-van-ban"), documentDate: date, by: actor, at: Date())
        return PageSupport.redirect(to: "/quan-tri/quyen-ho-so", flash: "Đã cấp quyền \"\(scope.vietnameseName)\" cho \(login).", web, context)
    }

    func revoke(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let scope = PersonnelScope(rawValue: form["quyen"] ?? "") else {
            throw ServiceError(.invalidInput, message: "Chưa chọn quyền cần thu hồi.", log: "missing scope")
        }
        let login = try Self.required(form, "tai-khoan", "Tài khoản")
        try service.revoke(login: login, scope: scope, by: actor, at: Date())
        return PageSupport.redirect(to: "/quan-tri/quyen-ho-so", flash: "Đã thu hồi quyền \"\(scope.vietnameseName)\" của \(login).", web, context)
    }
}
