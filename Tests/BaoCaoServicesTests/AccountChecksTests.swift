import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

@Suite("Accounts: the checks made before a password is asked for")
struct AccountChecksTests {
    /// Without signing in, only the first account may be added; signed in, only by the admin.
    @Test func checkMayAddUser() throws {
        let store = try NodeStore.inMemory()
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        try accounts.checkMayAddUser(by: nil)
        try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: "mat-khau-quan-tri", by: nil, at: Date())
        let forbidden = ServiceError(.forbidden, message: "", log: "")
        #expect(throws: forbidden) { try accounts.checkMayAddUser(by: nil) }
        #expect(throws: forbidden) { try accounts.checkMayAddUser(by: SignedNodes.person("nhaplieu", [.dataEntry, .approver])) }
        let refusal = #expect(throws: ServiceError.self) { try accounts.checkMayAddUser(by: SignedNodes.person("nhaplieu", [.dataEntry])) }
        #expect(refusal?.code == .forbidden)
        #expect(refusal?.message == "nhaplieu không có quyền thêm tài khoản; cần vai trò quản trị.")
        try accounts.checkMayAddUser(by: SignedNodes.person("quantri", [.admin]))
    }

    /// Anyone changes their own password; only the admin changes another's.
    @Test func checkMayChangePassword() throws {
        let accounts = AccountService(store: try NodeStore.inMemory())
        let clerk = SignedNodes.person("nhaplieu", [.dataEntry])
        try accounts.checkMayChangePassword(of: " NhapLieu ", by: clerk)
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) { try accounts.checkMayChangePassword(of: "quantri", by: clerk) }
        try accounts.checkMayChangePassword(of: "nhaplieu", by: SignedNodes.person("quantri", [.admin]))
    }

    /// Sections are listed to whoever may read here; the node itself, holding no role, may not.
    @Test func sectionList_needsTheRightToRead() throws {
        let f = try AccountFixture()
        try f.sections.addSection(code: "KT", name: "Phòng Kinh tế", by: f.admin, at: f.t0)
        #expect(try f.sections.list(by: SignedNodes.person("xem", [.viewer])).map(\.code) == ["KT"])
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) { try f.sections.list(by: .node) }
    }
}
