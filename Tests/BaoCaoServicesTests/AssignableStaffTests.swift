import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

/// Who a received report may be assigned to: the accounts the assignment itself accepts.
@Suite("Inbox: the staff a report may be assigned to")
struct AssignableStaffTests {
    /// Should list every account not locked, by login, with the name colleagues know them by.
    @Test func assignableStaff_listsActiveAccountsByLogin_notLockedOnes() throws {
        let store = try Fixtures.store()
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: "mat-khau-quan-tri", by: nil, at: Date())
        let adminActor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
        for (login, name) in [("tonghop", "Chị Lan"), ("bannghi", "Anh Ba"), ("da-nghi", "Người đã nghỉ")] {
            try accounts.addUser(login: login, displayName: name, roles: [.aggregator], password: "mat-khau-\(login)", by: adminActor, at: Date())
        }
        try accounts.lock(login: "da-nghi", by: adminActor, at: Date())
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: NSTemporaryDirectory()), home: Fixtures.home, bootstrap: nil,
                                  clockTolerance: 86_400)
        let inbox = InboxService(work: NodeWork(runtime: runtime, identity: nil))
        let aggregator = StaffMember(userId: 2, login: "tonghop", displayName: "Chị Lan", roles: [.aggregator])

        let staff = try inbox.assignableStaff(by: aggregator)

        #expect(staff.map(\.login) == ["bannghi", "quantri", "tonghop"])
        #expect(staff.map(\.displayName) == ["Anh Ba", "Quản trị", "Chị Lan"])
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) { try inbox.assignableStaff(by: Fixtures.reader) }
    }
}
