import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// A node with an admin, fast bcrypt and a clock the test moves.
struct AccountFixture {
    let store: NodeStore
    let accounts: AccountService
    let sections: SectionService
    let admin: StaffMember
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    init(policy: SecurityPolicy = SecurityPolicy(bcryptCost: 4)) throws {
        store = try NodeStore.inMemory()
        accounts = AccountService(store: store, policy: policy)
        sections = SectionService(store: store)
        try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: "mat-khau-quan-tri", by: nil, at: t0)
        admin = try accounts.authenticate(login: "quantri", password: "mat-khau-quan-tri", at: t0)
    }

    func audit() throws -> [AuditEntry] { try store.writer.read { try AuditLog.entries($0) }.reversed() }
}

@Suite("Accounts: passwords, lockout, roles, sections")
struct AccountServiceTests {
    @Test func firstAccountMustBeAdmin_andOnlyWhenNoneExists() throws {
        let store = try NodeStore.inMemory()
        let service = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) {
            try service.addUser(login: "a", displayName: "A", roles: [.dataEntry], password: "0123456789ab", by: nil, at: Date())
        }
        try service.addUser(login: "a", displayName: "A", roles: [.admin], password: "0123456789ab", by: nil, at: Date())
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) {
            try service.addUser(login: "b", displayName: "B", roles: [.admin], password: "0123456789ab", by: nil, at: Date())
        }
    }

    @Test func passwordPolicy_andBcryptRoundTrip() throws {
        let f = try AccountFixture()
        let weak = ServiceError(.weakPassword, message: "", log: "")
        #expect(throws: weak) { try f.accounts.addUser(login: "ngan", displayName: "Ngân", roles: [.dataEntry], password: "short", by: f.admin, at: f.t0) }
        #expect(throws: weak) { try f.accounts.addUser(login: "nguyenvanan", displayName: "An", roles: [.dataEntry], password: "NguyenVanAn", by: f.admin, at: f.t0) }
        try f.accounts.addUser(login: " Nhập\u{0301}Liệu ".decomposedStringWithCanonicalMapping, displayName: "Chị Hoa", roles: [.dataEntry],
                               password: "mật khẩu dài", by: f.admin, at: f.t0)
        // Login stored NFC and trimmed; matched without case; the hash is bcrypt, not the password.
        let stored = try f.store.writer.read { try Row.fetchOne($0, sql: "SELECT login, passwordHash FROM user WHERE login = ?", arguments: [AccountService.normalize("NHẬP\u{0301}LIỆU")])! }
        #expect((stored["login"] as String) == "nhập\u{0301}liệu".precomposedStringWithCanonicalMapping)
        #expect((stored["passwordHash"] as String).hasPrefix("$2b$04$"))
        let actor = try f.accounts.authenticate(login: "NHẬṔLIỆU", password: "mật khẩu dài", at: f.t0)
        #expect(actor.roles == [.dataEntry])
        #expect(throws: ServiceError(.alreadyExists, message: "", log: "")) {
            try f.accounts.addUser(login: "nhậṕliệu", displayName: "X", roles: [.viewer], password: "0123456789ab", by: f.admin, at: f.t0)
        }
        // A new password must differ from the current one, and the current one must be given.
        #expect(throws: weak) { try f.accounts.changePassword(login: actor.login, current: "mật khẩu dài", new: "mật khẩu dài", by: actor, at: f.t0) }
        #expect(throws: ServiceError(.signInFailed, message: "", log: "")) {
            try f.accounts.changePassword(login: actor.login, current: "sai rồi", new: "mật khẩu mới toanh", by: actor, at: f.t0)
        }
        try f.accounts.changePassword(login: actor.login, current: "mật khẩu dài", new: "mật khẩu mới toanh", by: actor, at: f.t0)
        #expect(throws: ServiceError(.signInFailed, message: "", log: "")) { try f.accounts.authenticate(login: actor.login, password: "mật khẩu dài", at: f.t0) }
        _ = try f.accounts.authenticate(login: actor.login, password: "mật khẩu mới toanh", at: f.t0)
        // Only an admin changes someone else's.
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) {
            try f.accounts.changePassword(login: "quantri", current: nil, new: "chiem-quyen-quan-tri", by: actor, at: f.t0)
        }
    }

    @Test func unknownLoginAndWrongPassword_getTheSameMessage() throws {
        let f = try AccountFixture()
        var messages: [String] = []
        for login in ["khongco", "quantri"] {
            do { _ = try f.accounts.authenticate(login: login, password: "sai-mat-khau-1", at: f.t0); Issue.record("accepted") }
            catch let error as ServiceError { #expect(error.code == .signInFailed); messages.append(error.message) }
        }
        #expect(messages.count == 2 && messages[0] == messages[1])
        #expect(!messages[0].contains("khongco") && !messages[0].contains("quantri"))
        let failures = try f.audit().filter { $0.action == AuditAction.signInFailed.rawValue }
        #expect(failures.map(\.object) == ["khongco", "quantri"])
    }

    @Test func successResetsCount_adminLocksAndUnlocks() throws {
        let f = try AccountFixture()
        try f.accounts.addUser(login: "lan", displayName: "Lan", roles: [.viewer], password: "dung-mat-khau", by: f.admin, at: f.t0)
        // Four failures, each refused and counted, then a success: the count starts again.
        for attempt in 1...4 {
            let failure = #expect(throws: ServiceError.self) { try f.accounts.authenticate(login: "lan", password: "sai-mat-khau", at: f.t0) }
            #expect(failure?.code == .signInFailed, "attempt \(attempt)")
        }
        #expect(try f.accounts.account(login: "lan")?.failedAttempts == 4)
        _ = try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: f.t0)
        #expect(try f.accounts.account(login: "lan")?.failedAttempts == 0)
        // An admin locks by hand, for good, and the answer is the one every refusal gets; a non-admin may not.
        let lan = try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: f.t0)
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) { try f.accounts.lock(login: "quantri", by: lan, at: f.t0) }
        try f.accounts.lock(login: "lan", by: f.admin, at: f.t0)
        let locked = #expect(throws: ServiceError.self) { try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: f.t0.addingTimeInterval(86_400)) }
        #expect(locked?.code == .signInFailed && locked?.message == ServiceError.signInFailedMessage)
        try f.accounts.unlock(login: "lan", by: f.admin, at: f.t0)
        _ = try f.accounts.authenticate(login: "lan", password: "dung-mat-khau", at: f.t0)
        let actions = try f.audit().map(\.action)
        #expect(actions.contains("user.lock") && actions.contains("user.unlock"))
        #expect(try f.store.writer.read { try AuditLog.verify($0) }.isIntact)
    }

    @Test func expiredPassword_onlyLetsTheUserChangeIt() throws {
        let f = try AccountFixture(policy: SecurityPolicy(passwordRotationDays: 30, bcryptCost: 4))
        try f.accounts.addUser(login: "minh", displayName: "Minh", roles: [.aggregator], password: "mat-khau-cu-1", by: f.admin, at: f.t0)
        let later = f.t0.addingTimeInterval(31 * 86_400)
        _ = try f.accounts.authenticate(login: "minh", password: "mat-khau-cu-1", at: f.t0.addingTimeInterval(29 * 86_400))
        #expect(throws: ServiceError(.passwordExpired, message: "", log: "")) { try f.accounts.authenticate(login: "minh", password: "mat-khau-cu-1", at: later) }
        let signIn = try f.accounts.signIn(login: "minh", password: "mat-khau-cu-1", at: later)
        #expect(signIn.mustChangePassword)
        try f.accounts.changePassword(login: "minh", current: "mat-khau-cu-1", new: "mat-khau-moi-2", by: signIn.actor, at: later)
        #expect(try f.accounts.authenticate(login: "minh", password: "mat-khau-moi-2", at: later).login == "minh")
        // A wrong password when expired is still just a wrong password.
        #expect(throws: ServiceError(.signInFailed, message: "", log: "")) { try f.accounts.signIn(login: "minh", password: "nope-nope-nope", at: later) }
    }

    @Test func roles_grantAndWithdraw_lastAdminKept() throws {
        let f = try AccountFixture()
        try f.accounts.addUser(login: "hung", displayName: "Hùng", roles: [.dataEntry], password: "0123456789ab", by: f.admin, at: f.t0)
        #expect(try f.accounts.changeRoles(login: "hung", grant: [.approver], withdraw: [.dataEntry], by: f.admin, at: f.t0) == [.approver])
        #expect(try f.accounts.authenticate(login: "hung", password: "0123456789ab", at: f.t0).may(.approveReport))
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) {
            try f.accounts.changeRoles(login: "quantri", grant: [.viewer], withdraw: [.admin], by: f.admin, at: f.t0)
        }
        let roleEntry = try #require(try f.audit().last { $0.action == "user.role" && $0.object == "hung" })
        #expect(roleEntry.detail?.contains("cấp: approver") == true && roleEntry.detail?.contains("thu hồi: dataEntry") == true)
    }

    @Test func sections_headMembersAndDelegation() throws {
        let f = try AccountFixture()
        for (login, role) in [("lanhdao", Role.approver), ("truong", .dataEntry), ("thuky", .dataEntry), ("khac", .dataEntry)] {
            try f.accounts.addUser(login: login, displayName: login, roles: [role], password: "0123456789ab", by: f.admin, at: f.t0)
        }
        let leader = try f.accounts.authenticate(login: "lanhdao", password: "0123456789ab", at: f.t0)
        try f.sections.addSection(code: "KT", name: "Phòng Kinh tế", head: "truong", by: f.admin, at: f.t0)
        try f.sections.setMembers(section: "KT", logins: ["thuky", "khac"], by: f.admin, at: f.t0)
        let clerk = try f.accounts.authenticate(login: "thuky", password: "0123456789ab", at: f.t0)
        let head = try f.accounts.authenticate(login: "truong", password: "0123456789ab", at: f.t0)
        #expect(clerk.sections == ["KT"])
        #expect(head.sections == ["KT"])
        #expect(try f.sections.mayApproveSection(leader, sectionCode: "KT"))
        // 002 art. 10.2b: heading the section is not a delegation ("nếu được ủy quyền").
        #expect(try !f.sections.mayApproveSection(head, sectionCode: "KT"))
        #expect(try !f.sections.mayApproveSection(clerk, sectionCode: "KT"))
        // Only the leader delegates; a data-entry head may not.
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) { try f.sections.delegate(section: "KT", to: "thuky", by: head, at: f.t0) }
        try f.sections.delegate(section: "KT", to: "thuky", by: leader, at: f.t0)
        #expect(try f.sections.mayApproveSection(clerk, sectionCode: "KT"))
        #expect(try !f.sections.mayApproveSection(clerk, sectionCode: "VH"))
        #expect(try f.sections.list().first?.delegates == ["thuky"])
        try f.sections.revoke(section: "KT", from: "thuky", by: leader, at: f.t0)
        #expect(try !f.sections.mayApproveSection(clerk, sectionCode: "KT"))
        #expect(throws: ServiceError(.notFound, message: "", log: "")) { try f.sections.revoke(section: "KT", from: "thuky", by: leader, at: f.t0) }
        // A data-entry person may not create sections.
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) { try f.sections.addSection(code: "VH", name: "Văn hóa", by: clerk, at: f.t0) }
        let actions = try f.audit().map(\.action)
        #expect(actions.filter { $0.hasPrefix("section.") } == ["section.add", "section.member", "section.delegate", "section.revoke"])
    }
}
