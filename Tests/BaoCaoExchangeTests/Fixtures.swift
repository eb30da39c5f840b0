import BaoCaoCore
import BaoCaoNode
import BaoCaoFuzzing
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation

/// A commune node (04801 under district 148, province 17) with a small form, a clerk and
/// a leader, for the data-exchange tests.
final class ExchangeFixture: @unchecked Sendable {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "148"),
    ])
    /// The fuzz seeds' small monthly form (decimal, integer, computed and text figures).
    static let catalog = FuzzSeedCatalog.catalog
    static let password = "mat-khau-thu-nghiem"

    let directory: URL
    let store: NodeStore
    let work: NodeWork
    let clerk: StaffMember
    let leader: StaffMember
    let admin: StaffMember

    init(home: UnitCode = "04801", catalog: Catalog = ExchangeFixture.catalog) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        _ = try store.initialize(homeUnit: home, topology: Self.topology, catalog: catalog, at: Date())
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: home, bootstrap: nil,
                                  clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals)
        work = NodeWork(runtime: runtime, identity: nil)
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: Self.password, by: nil, at: Date())
        let adminActor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
        self.admin = adminActor
        let clerkAccount = try accounts.addUser(login: "nhaplieu", displayName: "Chị Hoa", roles: [.dataEntry, .viewer], password: Self.password,
                                                by: adminActor, at: Date())
        clerk = StaffMember(userId: clerkAccount.id, login: clerkAccount.login, displayName: clerkAccount.displayName, roles: clerkAccount.roles)
        let leaderAccount = try accounts.addUser(login: "lanhdao", displayName: "Anh Nam", roles: [.approver, .viewer], password: Self.password,
                                                 by: adminActor, at: Date())
        leader = StaffMember(userId: leaderAccount.id, login: leaderAccount.login, displayName: leaderAccount.displayName, roles: leaderAccount.roles)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
