import BaoCaoCore
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
    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN02", name: "Diện tích lúa thu hoạch", unitOfMeasure: "ha", valueType: .decimal, decimals: 1, required: true),
            Indicator(code: "NN03", name: "Sản lượng lúa", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1, min: ExactDecimal(0)),
            Indicator(code: "NN04", name: "Năng suất lúa", unitOfMeasure: "tạ/ha", valueType: .decimal, decimals: 1, formula: "NN03 / NN02 * 10"),
            Indicator(code: "LD02", name: "Tổng số hộ", unitOfMeasure: "hộ", valueType: .integer),
            Indicator(code: "GC01", name: "Ghi chú tình hình", unitOfMeasure: "", valueType: .text),
        ],
        forms: [Form(code: "KTXH", title: "Báo cáo kinh tế – xã hội", sections: [
            .init(code: "NN", title: "Nông nghiệp", rows: ["NN02", "NN03", "NN04"]),
            .init(code: "LD", title: "Lao động", rows: ["LD02", "GC01"]),
        ])],
        regimes: [Regime(code: "KTXH-THANG", name: "Báo cáo tình hình kinh tế – xã hội tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16)],
                         reporters: ReporterSelection(kinds: [.commune]), form: "KTXH")])
    static let password = "mat-khau-thu-nghiem"

    let directory: URL
    let store: NodeStore
    let work: NodeWork
    let clerk: Actor
    let leader: Actor

    init(home: String = "04801", catalog: Catalog = ExchangeFixture.catalog) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try NodeStore.open(at: directory.appendingPathComponent("baocao.sqlite").path)
        _ = try store.initialize(homeUnit: home, topology: Self.topology, catalog: catalog, at: Date())
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: home, bootstrap: nil,
                                  clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals)
        work = NodeWork(runtime: runtime, identity: nil)
        let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
        let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: Self.password, by: nil, at: Date())
        let adminActor = Actor(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
        let clerkAccount = try accounts.addUser(login: "nhaplieu", displayName: "Chị Hoa", roles: [.dataEntry, .viewer], password: Self.password,
                                                by: adminActor, at: Date())
        clerk = Actor(userId: clerkAccount.id, login: clerkAccount.login, displayName: clerkAccount.displayName, roles: clerkAccount.roles)
        let leaderAccount = try accounts.addUser(login: "lanhdao", displayName: "Anh Nam", roles: [.approver, .viewer], password: Self.password,
                                                 by: adminActor, at: Date())
        leader = Actor(userId: leaderAccount.id, login: leaderAccount.login, displayName: leaderAccount.displayName, roles: leaderAccount.roles)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
