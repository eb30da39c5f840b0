import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import Foundation
import Logging
import ServiceLifecycle

/// `baocao demo`: a whole reporting network on loopback, from nothing.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Chạy thử cả mạng báo cáo trên máy này: tỉnh, 2 huyện, 4 xã (hoặc tỉnh và 4 xã với --two-level), với hạ tầng khóa thử nghiệm.",
        discussion: "Dữ liệu và khóa được giữ trong thư mục demo và dùng lại ở lần chạy sau. Nhấn Ctrl-C để dừng."
    )

    @Option(name: .long, help: "Thư mục của mạng thử nghiệm.")
    var dir: String = ".baocao-demo"

    @Flag(name: .long, help: "Dùng mẫu 2 cấp (Phú Thọ, từ 01/7/2025) thay cho mẫu 3 cấp (Hòa Bình).")
    var twoLevel = false

    @Flag(name: .long, help: "Mạng Hòa Bình 3 cấp có lịch sử báo cáo tháng từ 01/2024 đến 06/2025, đi qua sắp xếp đơn vị ngày 01/7/2025 và tiếp tục trong mạng Phú Thọ 2 cấp.")
    var reform = false

    @Flag(name: .long, help: "Chỉ chuẩn bị mạng (khóa, nút, dữ liệu) rồi dừng, không chạy các nút.")
    var prepareOnly = false

    @Option(name: .long, help: "Cổng đầu tiên: cổng đồng bộ từ số này, cổng cục bộ từ số này + 100.")
    var portBase: Int = 18_400

    @Option(name: .long, help: "Thư mục chứa Topology/ và Config/ (mặc định: nơi biên dịch, rồi /usr/share/baocao khi cài từ gói .deb, rồi thư mục hiện tại).")
    var repository: String?

    /// The repository this binary was built from, where the sample topology and catalog are.
    static let builtFrom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Where the Debian package (`Scripts/package`) installs the sample topologies and catalogs.
    static let installedSamples = "/usr/share/baocao"

    /// The folder holding `Topology/` and `Config/`: the one named, else the repository the
    /// binary was built from while it is still there, else the packaged samples, else the
    /// current directory (whose missing files then fail with their own names).
    func sampleRoot() -> String {
        if let repository { return repository }
        let candidates = [Self.builtFrom, Self.installedSamples]
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/Topology") } ?? FileManager.default.currentDirectoryPath
    }

    func validate() throws {
        if reform && twoLevel { throw ValidationError("--reform tự đi từ mạng 3 cấp sang mạng 2 cấp; không dùng cùng --two-level.") }
    }

    func run() async throws {
        let root = sampleRoot()
        let folder = URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL
        let network = reform ? try await DemoReform(root: root, base: folder.appendingPathComponent("sap-xep"), portBase: portBase).prepare()
            : try prepareLevels(root: root, base: folder.appendingPathComponent(twoLevel ? "hai-cap" : "ba-cap"))
        if prepareOnly {
            print("Đã chuẩn bị mạng thử nghiệm (\(network.title)) tại \(network.base.path); chạy lại không có --prepare-only để khởi động các nút.")
            return
        }
        try await serve(network)
    }

    /// The plain demo's network: its PKI, its nodes and the province's first release, made
    /// once and reused by later runs.
    func prepareLevels(root: String, base: URL) throws -> DemoNetwork {
        let topologyPath = root + (twoLevel ? "/Topology/phu-tho-2025-07-2-cap.csv" : "/Topology/hoa-binh-2025-03-3-cap.csv")
        let plansPath = root + (twoLevel ? "/Config/plans/phu-tho-2026.csv" : "/Config/plans/hoa-binh-2026.csv")
        let catalogPath = root + "/Config/catalog/kinh-te-xa-hoi.yaml"
        let personnelPath = root + "/Config/catalog/nhan-su.yaml"
        let topology = try TopologyFile.load(topologyPath)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)

        let units = try Self.demoUnits(topology)
        let pki = base.appendingPathComponent("pki")
        let provinceNode = pki.appendingPathComponent("units/\(topology.roots[0].code)/node.pem")
        if let old = try? Certificate(pem: Data(contentsOf: provinceNode)), !old.names(host: DevelopmentPKI.hostName(of: topology.roots[0].code)) {
            // Made before node certificates carried their own host names: start this network afresh.
            print("Hạ tầng khóa thử nghiệm cũ (chứng thư nút chưa ghi tên máy riêng): tạo lại mạng thử nghiệm tại \(base.path).")
            try FileManager.default.removeItem(at: base)
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        }
        if !FileManager.default.fileExists(atPath: pki.appendingPathComponent("root.key").path) {
            print("Tạo hạ tầng khóa thử nghiệm (RSA 2048) cho \(units.count) đơn vị…")
            let made = try DevelopmentPKI.make(topology: topology, unitCodes: units.map(\.code), keyKind: .rsa2048, now: Date())
            try made.write(to: pki)
        }

        let personnel = try YAMLDocument.decode(PersonnelCatalogFile.self, fromFile: personnelPath).catalog(forProvince: topology.roots[0].code)
        var nodes: [DemoNetwork.Node] = []
        for (index, unit) in units.enumerated() {
            let syncPort = portBase + index
            let localPort = portBase + 100 + index
            let parent = units.firstIndex { $0.code == unit.parentCode }.map { (unit: units[$0].code, port: portBase + $0) }
            let config = try DemoNetwork.setUpNode(DemoConfiguration(unit: unit, base: base, pki: pki, topology: topologyPath, catalog: catalogPath,
                                                                     plans: plansPath, personnel: personnelPath, syncPort: syncPort,
                                                                     localPort: localPort, parent: parent),
                                                   index: index, personnel: personnel)
            nodes.append(DemoNetwork.Node(unit: unit, config: config, syncPort: syncPort, localPort: localPort, level: topology.level(of: unit.code) ?? 0))
        }

        // The province publishes its first release once; the sync loops carry it down.
        let province = nodes[0]
        if try NodeContext(configFile: province.config).store.latestReleases().isEmpty {
            let publish = try ReleaseCommand.Publish.parse(["--config", province.config])
            try publish.run()
        }
        var network = DemoNetwork(title: twoLevel ? "2 cấp, Phú Thọ" : "3 cấp, Hòa Bình", base: base, nodes: nodes)
        network.notes = ["Bản phát hành của tỉnh được chuyển xuống mọi nút sau vài giây."]
        return network
    }

    /// Runs every node of `network` until Ctrl-C (the same path for every kind of demo).
    func serve(_ network: DemoNetwork) async throws {
        var logger = Logger(label: "baocao.demo")
        logger.logLevel = .warning
        var services: [any Service] = []
        var clients: [NodeServices] = []
        for node in network.nodes {
            let context = try NodeContext(configFile: node.config)
            let nodeServices = try NodeServices(node: context, logger: logger, syncInterval: 3)
            services += nodeServices.services
            clients.append(nodeServices)
        }

        print("")
        print("Mạng BaoCao thử nghiệm (\(network.title)) đang chạy trên máy này:")
        for node in network.nodes {
            let indent = String(repeating: "  ", count: node.level)
            print("  \(indent)\(node.unit.name) (\(node.unit.code)): giao diện web http://127.0.0.1:\(node.localPort)/  — đồng bộ https://127.0.0.1:\(node.syncPort)  — cấu hình \(node.config)")
        }
        print("Tài khoản ở mọi nút, mật khẩu \(Self.demoPassword): "
              + Self.demoAccounts.map { "\($0.login) (\($0.role.displayName))" }.joined(separator: ", ") + ".")
        if let commune = network.nodes.last(where: { $0.unit.kind == .commune }) {
            print("Ví dụ: BAOCAO_PASSWORD=\(Self.demoPassword) baocao report new KTXH-THANG 2026-10 --config \(commune.config) --user nhaplieu")
        }
        if let province = network.nodes.first(where: { $0.unit.parentCode == nil }) {
            print("Trang công khai của tỉnh (không cần đăng nhập): http://127.0.0.1:\(province.localPort)/cong-khai"
                  + " — chỉ hiện kỳ đã được công bố (tài khoản congbo, trang /cong-bo)")
        }
        for note in network.notes { print(note) }
        print("Nhấn Ctrl-C để dừng; dữ liệu được giữ cho lần chạy sau.")
        fflush(nil)  // shown at once even when the output goes to a file or a pipe

        do {
            try await NodeServices.run(services, closing: clients, logger: logger)
        } catch {
            throw CLIError("Mạng thử nghiệm dừng vì lỗi: \(error). Nếu cổng đang bận, hãy dùng --port-base khác.")
        }
        print("Đã dừng mọi nút; dữ liệu ở \(network.base.path).")
    }

    /// The province, then (3-level) two districts each followed by two of their communes, or (2-level) four communes.
    static let demoPassword = "baocao-demo-2026"
    static let demoAccounts: [(login: String, name: String, role: Role)] = [
        ("quantri", "Quản trị hệ thống", .admin), ("tonghop", "Cán bộ tổng hợp", .aggregator),
        ("lanhdao", "Lãnh đạo đơn vị", .approver), ("nhaplieu", "Cán bộ nhập liệu", .dataEntry),
        ("congbo", "Cán bộ công bố số liệu", .publisher),
    ]

    /// One account per role at a new node, so the network can be driven from the CLI at once.
    static func addDemoAccounts(config: String) throws {
        let node = try NodeContext(configFile: config)
        let accounts = AccountService(store: node.store, policy: node.configuration.effectiveSecurity)
        guard try !accounts.hasUsers() else { return }
        let now = Date()
        var admin: StaffMember?
        for account in demoAccounts {
            try accounts.addUser(login: account.login, displayName: account.name, roles: [account.role], password: demoPassword, by: admin, at: now)
            if admin == nil { admin = try accounts.authenticate(login: account.login, password: demoPassword, at: now) }
        }
    }

    /// Each node's staff records: a synthetic roster (``SyntheticStaff``, never real people),
    /// and personnel grants for the demo accounts on a sample written approval — the leader
    /// and the aggregator read everything, the data-entry clerk enters.
    static func addDemoRoster(config: String, unit: ReportingUnit, index: Int, catalog: PersonnelCatalog) throws {
        let node = try NodeContext(configFile: config)
        let service = PersonnelService(work: try node.work(), catalog: catalog)
        let now = Date()
        let count = unit.kind == .commune ? 18 : 30
        do {
            try service.generateSynthetic(count: count, seed: UInt64(index + 1), by: .node, at: now)
        } catch let error as ServiceError where error.code == .illegalTransition {
            return  // this demo node has its roster from an earlier run
        }
        let accounts = AccountService(store: node.store, policy: node.configuration.effectiveSecurity)
        let admin = try accounts.authenticate(login: "quantri", password: demoPassword, at: now)
        let approval = (number: "01/QĐ-UBND (mẫu)", date: VietnamTime.civilDate(at: now))
        for (login, scopes) in [("lanhdao", [PersonnelScope.read, .sensitive]), ("tonghop", [.read, .sensitive]), ("nhaplieu", [.edit])] {
            for scope in scopes {
                try service.grant(login: login, scope: scope, documentNumber: approval.number, documentDate: approval.date, by: admin, at: now)
            }
        }
    }

    static func demoUnits(_ topology: Topology) throws -> [ReportingUnit] {
        guard let province = topology.roots.first else { throw CLIError("Danh sách đơn vị trống.") }
        // The Sở Nội vụ keeps the province's copy of every unit's staff records (seed 003 art. 7.3, 12.4).
        let homeAffairs = topology.unit(code: try UnitCode(parsing: "\(province.code)-SNV")).map { [$0] } ?? []
        let districts = topology.children(of: province.code).filter { $0.kind == .district }
        if districts.isEmpty {
            let communes = topology.children(of: province.code).filter { $0.kind == .commune }.prefix(4)
            return [province] + homeAffairs + communes
        }
        var units = [province] + homeAffairs
        for district in districts.prefix(2) {
            units.append(district)
            units += topology.children(of: district.code).filter { $0.kind == .commune }.prefix(2)
        }
        return units
    }
}
