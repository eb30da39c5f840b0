import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation

extension HostBenchmark {
    /// The hosted network as ``prepare()`` made it.
    struct Network {
        let province: ReportingUnit
        /// Province, districts, communes: every unit `host.yaml` names.
        let hosted: [ReportingUnit]
        /// The 20 communes whose staff sign in, spread over the 200 (every tenth).
        let chosen: [UnitCode]
        let hostFile: String
        /// The first chosen commune's configuration for `baocao serve` alone.
        let loneFile: String
        /// Each person's own draft: `drafts[unit]![login]`.
        let drafts: [UnitCode: [String: Int64]]
    }

    /// The province with the most communes in the official three-level list, from its file.
    static func largestProvince(in file: URL) throws -> Topology {
        let text = try String(contentsOf: file, encoding: .utf8)
        var units: [ReportingUnit] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { throw BenchFailure("unexpected line in \(file.lastPathComponent): \(line)") }
            let code = try UnitCode(parsing: fields[0])
            let kind: UnitKind = fields[3].isEmpty ? .province : fields[0].count == 3 ? .district : .commune
            units.append(ReportingUnit(code: code, name: fields[1].nfc, kind: kind, parentCode: fields[3].isEmpty ? nil : try UnitCode(parsing: fields[3])))
        }
        let country = try Topology(units: units)
        let communes = { (province: ReportingUnit) in country.subtree(of: province.code).count { $0.kind == .commune } }
        guard let largest = country.roots.max(by: { communes($0) < communes($1) }) else { throw BenchFailure("no province in \(file.path)") }
        return try Topology(units: country.subtree(of: largest.code))
    }

    /// Makes the network: topology file, keys, each node's configuration and database
    /// (`baocao init`), the province's first release, the staff and their drafts.
    func prepare() throws -> Network {
        let topology = try Self.largestProvince(in: unitsFile)
        guard let province = topology.roots.first else { throw BenchFailure("empty province") }
        var districts: [ReportingUnit] = []
        var hostedCommunes: [ReportingUnit] = []
        for district in topology.children(of: province.code) where district.kind == .district && hostedCommunes.count < communes {
            districts.append(district)
            hostedCommunes += topology.children(of: district.code).filter { $0.kind == .commune }.prefix(communes - hostedCommunes.count)
        }
        guard hostedCommunes.count == communes else { throw BenchFailure("\(province.name) has only \(hostedCommunes.count) communes") }
        let hosted = [province] + districts + hostedCommunes
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nodes"), withIntermediateDirectories: true)

        let topologyFile = directory.appendingPathComponent("topology.csv")
        let lines = ["code,name,name_en,kind,parent"] + topology.units.map {
            "\($0.code),\($0.name),,\($0.kind.rawValue),\($0.parentCode?.rawValue ?? "")"
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: topologyFile)
        let pki = try DevelopmentPKI.make(topology: topology, unitCodes: hosted.map(\.code), keyKind: .ecP256, now: Date().addingTimeInterval(-3600))
        let pkiFolder = directory.appendingPathComponent("pki")
        try pki.write(to: pkiFolder)

        // Sync ports: the province and each district listen for their children.
        var syncPorts: [UnitCode: Int] = [province.code: 29_900]
        for (index, district) in districts.enumerated() { syncPorts[district.code] = 29_901 + index }
        let catalog = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Config/catalog/kinh-te-xa-hoi.yaml").path
        guard FileManager.default.fileExists(atPath: catalog) else { throw BenchFailure("run from the repository: no \(catalog)") }
        func configuration(_ unit: ReportingUnit, local: (web: Int, sync: Int)? = nil) -> String {
            let keys = pkiFolder.appendingPathComponent("units/\(unit.code)").path
            var text = """
                unit: "\(unit.code)"
                dataDirectory: \(directory.appendingPathComponent("data/\(unit.code)").path)
                topology: \(topologyFile.path)
                catalog: \(catalog)
                trust:
                  anchors: \(pkiFolder.appendingPathComponent("root.pem").path)
                  publishers: \(pkiFolder.appendingPathComponent("publishers.txt").path)
                  registry: \(pkiFolder.appendingPathComponent("registry.json").path)
                signing:
                  key: \(keys)/signing.key
                  certificate: \(keys)/signing.pem
                encryption:
                  key: \(keys)/encryption.key
                  certificate: \(keys)/encryption.pem
                backup:
                  enabled: false
                security:
                  signInAttemptsPerMinute: 1000
                network:
                  certificate: \(keys)/node.pem
                  key: \(keys)/node.key
                  syncIntervalSeconds: 60

                """
            if let port = local?.sync ?? syncPorts[unit.code] { text += "  syncListen: 127.0.0.1:\(port)\n" }
            if let web = local?.web { text += "  localListen: 127.0.0.1:\(web)\n" }
            if let parent = unit.parentCode, let port = syncPorts[parent] {
                text += "  parentURL: https://\(DevelopmentPKI.hostName(of: parent)):\(port)\n  parentAddress: 127.0.0.1\n"
            }
            return text
        }
        var files: [String] = []
        for unit in hosted {
            let file = directory.appendingPathComponent("nodes/\(unit.code).yaml")
            try Data(configuration(unit).utf8).write(to: file)
            files.append(file.path)
        }
        try runAll(files.map { ["init", "--config", $0] })
        try runAll([["release", "publish", "--config", files[0]]])

        let chosen = stride(from: 0, to: communes, by: communes / users).prefix(users).map { hostedCommunes[$0].code }
        let lone = directory.appendingPathComponent("nodes/alone-\(chosen[0]).yaml")
        try Data(configuration(hostedCommunes[0], local: (web: 29_881, sync: 29_882)).utf8).write(to: lone)
        var drafts: [UnitCode: [String: Int64]] = [:]
        for (index, unit) in chosen.enumerated() {
            // The first chosen commune has all 20 people, for the lone node; each other one, its own person.
            let people = index == 0 ? Array(1...users) : [index + 1]
            drafts[unit] = try staff(unit, people: people)
        }
        let hostFile = directory.appendingPathComponent("host.yaml")
        try Data(("province: \"\(province.code)\"\nweb:\n  listen: 127.0.0.1:29880\n  signInAttemptsPerMinute: 1000\nunits:\n"
                  + files.map { "  - \($0)\n" }.joined()).utf8).write(to: hostFile)
        return Network(province: province, hosted: hosted, chosen: chosen, hostFile: hostFile.path, loneFile: lone.path, drafts: drafts)
    }

    /// Adds the clerks `nhaplieu<n>` to a node, each with a draft of the monthly
    /// socio-economic report (2026-11 and the months before it) holding its figures.
    private func staff(_ unit: UnitCode, people: [Int]) throws -> [String: Int64] {
        let folder = directory.appendingPathComponent("data/\(unit)")
        let store = try NodeStore.open(at: folder.appendingPathComponent("baocao.sqlite").path)
        let accounts = AccountService(store: store, policy: SecurityPolicy())
        let admin = try accounts.addUser(login: "quantri", displayName: "Quản trị", roles: [.admin], password: Self.password, by: nil, at: Date())
        let actor = StaffMember(userId: admin.id, login: admin.login, displayName: admin.displayName, roles: admin.roles)
        let runtime = NodeRuntime(store: store, files: BundleFiles(dataDirectory: folder.path), home: unit, bootstrap: nil,
                                  clockTolerance: 86_400, arrivalRecorder: AuditLog.arrivals)
        let reports = ReportService(work: NodeWork(runtime: runtime, identity: nil))
        var drafts: [String: Int64] = [:]
        for (offset, n) in people.enumerated() {
            let user = try accounts.addUser(login: "nhaplieu\(n)", displayName: "Cán bộ \(n)", roles: [.dataEntry], password: Self.password,
                                            by: actor, at: Date())
            let clerk = StaffMember(userId: user.id, login: user.login, displayName: user.displayName, roles: user.roles)
            let month = 11 - offset
            let period = try Period.month(month > 0 ? month : month + 12, year: month > 0 ? 2026 : 2025)
            let draft = try reports.create(regime: "KTXH-THANG", period: period, by: clerk, at: Date())
            try reports.setValues(report: draft.id!, Self.wholeNumberCodes.map { ($0, "1200") }, by: clerk, at: Date())
            drafts["nhaplieu\(n)"] = draft.id!
        }
        return drafts
    }

    /// Runs each `baocao` command, two at a time; throws with the first failure's message.
    private func runAll(_ commands: [[String]]) throws {
        var pending = commands[...]
        var running: [(Process, Pipe)] = []
        func start() throws {
            guard let arguments = pending.popFirst() else { return }
            let process = Process()
            process.executableURL = baocao
            process.arguments = arguments
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            running.append((process, errors))
        }
        try start()
        try start()
        while !running.isEmpty {
            let (process, errors) = running.removeFirst()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchFailure("baocao \(process.arguments?.joined(separator: " ") ?? ""): \(String(decoding: message, as: UTF8.self))")
            }
            try start()
        }
    }
}
