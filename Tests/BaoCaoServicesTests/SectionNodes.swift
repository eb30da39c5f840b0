import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

/// Two nodes that report the same monthly form — a commune (04801) and a department of
/// the province (17-SNN) — each with a development signing key, its own database, and
/// accounts: an admin, the leader, a section head, a clerk and a member of section A.
///
/// The form's section A (agriculture, whose rice area is required) is required of
/// communes and districts only (``Form/Section/requiredFor``); section B (finance, its
/// revenue required) of every reporter.
final class SectionNodes: @unchecked Sendable {
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "148", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
        ReportingUnit(code: "04801", name: "Xã Một", kind: .commune, parentCode: "148"),
        ReportingUnit(code: "17-SNN", name: "Sở Nông nghiệp và Môi trường", kind: .department, parentCode: "17"),
    ])

    static let form = Form(code: "F1", title: "Biểu tháng", sections: [
        .init(code: "A", title: "Nông nghiệp", rows: ["NN01", "NN02"], requiredFor: [.commune, .district]),
        .init(code: "B", title: "Tài chính", rows: ["TC01", "TC02"]),
    ])

    static let catalog = Catalog(
        indicators: [
            Indicator(code: "NN01", name: "Diện tích lúa gieo cấy", unitOfMeasure: "ha", valueType: .decimal, decimals: 1, required: true),
            Indicator(code: "NN02", name: "Sản lượng lúa", unitOfMeasure: "tấn", valueType: .decimal, decimals: 1),
            Indicator(code: "TC01", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 3, required: true),
            Indicator(code: "TC02", name: "Chi ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 3),
        ],
        forms: [form],
        regimes: [Regime(code: "R1", name: "Báo cáo tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .department, day: 18)],
                         reporters: ReporterSelection(kinds: [.commune, .department]), form: "F1")])

    static let password = "mat-khau-thu-nghiem"
    static let units: [UnitCode] = ["17", "04801", "17-SNN"]

    let pki: DevelopmentPKI
    let directory: URL
    private(set) var works: [UnitCode: NodeWork] = [:]

    init() throws {
        pki = try DevelopmentPKI.make(topology: Self.topology, unitCodes: Self.units, keyKind: .ecP256, now: Date())
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-sections-\(UUID().uuidString)")
        for unit in Self.units {
            let path = directory.appendingPathComponent("nodes/\(unit)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let store = try NodeStore.open(at: path + "/baocao.sqlite")
            _ = try store.initialize(homeUnit: unit, topology: Self.topology, catalog: Self.catalog, at: Date())
            let signing = pki.units[unit]!.signing
            let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: path), home: unit,
                                      bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: pki.registry),
                                      clockTolerance: 86_400, signer: signing, arrivalRecorder: AuditLog.arrivals)
            works[unit] = NodeWork(runtime: runtime, identity: signing)
            let accounts = AccountService(store: store, policy: SecurityPolicy(bcryptCost: 4))
            try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: Self.password, by: nil, at: Date())
            let admin = try accounts.authenticate(login: "quantri", password: Self.password, at: Date())
            for (login, name, roles) in [("lanhdao", "Anh Lãnh Đạo", Set<Role>([.approver])), ("truong", "Chị Trưởng Phòng", [.dataEntry]),
                                         ("thuky", "Anh Thư Ký", [.dataEntry]), ("nhaplieu", "Chị Nhập Liệu", [.dataEntry])] {
                try accounts.addUser(login: login, displayName: name, roles: roles, password: Self.password, by: admin, at: Date())
            }
            let sections = SectionService(store: store)
            try sections.addSection(code: "A", name: "Bộ phận nông nghiệp", head: "truong", by: admin, at: Date())
            try sections.setMembers(section: "A", logins: ["nhaplieu"], by: admin, at: Date())
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func work(_ unit: UnitCode) -> NodeWork { works[unit]! }
    func reports(_ unit: UnitCode) -> ReportService { ReportService(work: work(unit)) }
    func sections(_ unit: UnitCode) -> SectionService { SectionService(store: work(unit).store) }

    /// A person signed in at `unit`, as the CLI and the web interface sign them in.
    func person(_ login: String, at unit: UnitCode) throws -> StaffMember {
        try AccountService(store: work(unit).store, policy: SecurityPolicy(bcryptCost: 4)).authenticate(login: login, password: Self.password, at: Date())
    }

    /// The audit log of `unit`, oldest first.
    func audit(_ unit: UnitCode) throws -> [AuditEntry] { try AuditLog.entries(in: work(unit).store).reversed() }
}
