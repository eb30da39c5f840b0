import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird

/// Administration: the node and its releases, accounts and roles, the audit log with
/// its verification. Only the admin manages accounts; admin and leader read the log.
struct AdminPages {
    let web: WebEnvironment

    func register(on router: RouterGroup<WebRequestContext>) {
        router.getPage("/quan-tri") { _, context in try overview(context: context) }
        router.postForm("/quan-tri/tai-khoan") { form, context in try addUser(form, context: context) }
        router.postForm("/quan-tri/tai-khoan/:login/khoa") { _, context in try lock(context: context, locking: true) }
        router.postForm("/quan-tri/tai-khoan/:login/mo-khoa") { _, context in try lock(context: context, locking: false) }
        router.postForm("/quan-tri/tai-khoan/:login/vai-tro") { form, context in try changeRole(form, context: context) }
        router.getPage("/quan-tri/nhat-ky") { _, context in try audit(context: context) }
    }

    func requireAdminPage(_ actor: StaffMember) throws {
        guard actor.may(.manageAccounts) || actor.may(.readAudit) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền vào trang quản trị (cần vai trò quản trị hoặc lãnh đạo).",
                               log: "\(actor.login) may not open admin")
        }
    }

    func overview(context: WebRequestContext, addError: String? = nil) throws -> Response {
        let actor = try PageSupport.actor(context)
        try requireAdminPage(actor)
        let store = web.work.store
        let history = try store.releaseHistory()
        let users = try actor.may(.manageAccounts) ? web.accounts.list(by: actor) : []
        let now = Date()
        let view = AdminView(
            csrf: context.csrfToken, unitName: web.pages.unitName, unitCode: web.work.home.rawValue,
            // The province release in force (after the 2025 reform, the successor's chain), not the oldest kept.
            release: try web.work.runtime.provinceRelease().map { "\($0.content.publisher) số \($0.content.version), phát hành \(PageSupport.time($0.content.publishedAt))" } ?? "chưa có",
            schema: try store.schemaVersion(), settings: try settings(),
            releases: history.reversed().map { .init(version: $0.version, publisher: $0.publisher.rawValue, at: PageSupport.time($0.receivedAt)) },
            mayManage: actor.may(.manageAccounts), mayAudit: actor.may(.readAudit),
            users: users.map { u in
                let lockedOut = u.lockedUntil.map { now < $0 } ?? false
                let status = u.locked ? "đang khóa" : lockedOut ? "tạm khóa đến \(PageSupport.time(u.lockedUntil!)) do nhập sai mật khẩu" : "hoạt động"
                return .init(login: u.login, name: u.displayName, roleNames: u.roles.sorted().map(\.displayName).joined(separator: ", "),
                             status: status, lockAction: u.locked || lockedOut ? "mo-khoa" : "khoa", lockLabel: u.locked || lockedOut ? "Mở khóa" : "Khóa")
            },
            roleChoices: Role.allCases.map { .init(code: $0.rawValue, name: $0.displayName) },
            addError: addError)
        return try web.pages.page(view, title: "Quản trị", context: context, status: addError == nil ? .ok : .unprocessableContent)
    }

    /// The node's settings a person may want to check (changed in its configuration file).
    func settings() throws -> [AdminView.Setting] {
        let policy = web.accounts.policy
        let topology = try web.work.runtime.topology()
        let parent = topology.unit(code: web.work.home)?.parentCode
        return [
            .init(name: "Đơn vị cấp trên", value: parent.map { "\(topology.unit(code: $0)?.name ?? $0.rawValue) (\($0))" } ?? "không có (nút cấp cao nhất)"),
            .init(name: "Đơn vị trực thuộc", value: String(topology.children(of: web.work.home).count)),
            .init(name: "Độ dài mật khẩu tối thiểu", value: "\(policy.minimumPasswordLength) ký tự"),
            .init(name: "Đổi mật khẩu định kỳ", value: policy.passwordRotationDays == 0 ? "không bắt buộc" : "mỗi \(policy.passwordRotationDays) ngày"),
            .init(name: "Khóa tài khoản sau", value: "\(policy.maximumFailedSignIns) lần đăng nhập sai liên tiếp: 1 phút, gấp đôi mỗi lần sai tiếp, tối đa 1 giờ"),
            .init(name: "Phiên làm việc hết hạn sau", value: "\(Int(web.sessions.idleTimeout / 60)) phút không thao tác"),
            .init(name: "Khóa ký số của đơn vị", value: web.work.identity.map { $0.certificate.subject } ?? "chưa khai báo"),
        ]
    }

    func changeRole(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let login = context.parameters.get("login") else { throw HTTPError(.notFound) }
        guard let role = Role(rawValue: form["role"] ?? "") else { return try overview(context: context, addError: "Vai trò không hợp lệ.") }
        let grant = form["action"] != "withdraw"
        let roles = try web.accounts.changeRoles(login: login, grant: grant ? [role] : [], withdraw: grant ? [] : [role], by: actor, at: Date())
        let text = roles.sorted().map(\.displayName).joined(separator: ", ")
        return PageSupport.redirect(to: "/quan-tri", flash: "Vai trò của \(login) nay là: \(text.isEmpty ? "không có" : text).", web, context)
    }

    func addUser(_ form: FormBody, context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let role = Role(rawValue: form["role"] ?? "") else { return try overview(context: context, addError: "Vai trò không hợp lệ.") }
        do {
            let user = try web.accounts.addUser(login: form["login"] ?? "", displayName: form["name"] ?? "", roles: [role],
                                                password: form["password"] ?? "", by: actor, at: Date())
            return PageSupport.redirect(to: "/quan-tri", flash: "Đã thêm tài khoản \(user.login).", web, context)
        } catch let error as ServiceError where error.code != .forbidden {
            return try overview(context: context, addError: error.message)
        }
    }

    func lock(context: WebRequestContext, locking: Bool) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard let login = context.parameters.get("login") else { throw HTTPError(.notFound) }
        if locking {
            try web.accounts.lock(login: login, by: actor, at: Date())
            if let account = try web.accounts.account(login: login) { web.sessions.closeAll(userId: account.id) }
        } else {
            try web.accounts.unlock(login: login, by: actor, at: Date())
        }
        return PageSupport.redirect(to: "/quan-tri", flash: locking ? "Đã khóa \(login)." : "Đã mở khóa \(login).", web, context)
    }

    func audit(context: WebRequestContext) throws -> Response {
        let actor = try PageSupport.actor(context)
        guard actor.may(.readAudit) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không có quyền xem nhật ký hệ thống.", log: "forbidden audit")
        }
        // Checked against the anchors other units hold of this log, as `baocao audit verify` does.
        let verification = try AuditService(store: web.work.store, home: web.work.home).verify(by: actor)
        let entries = try AuditLog.entries(in: web.work.store, limit: 200).map { e in
            AuditView.Entry(sequence: e.sequence, at: e.instant.map(VietnamTime.displayText) ?? e.at, actor: e.actor, action: e.action,
                            object: e.object ?? "", detail: e.detail ?? "")
        }
        let view = AuditView(
            verifyText: verification.summary,
            verifyClass: verification.isIntact ? "ok" : "bad", entries: entries)
        return try web.pages.page(view, title: "Nhật ký hệ thống", context: context)
    }
}
