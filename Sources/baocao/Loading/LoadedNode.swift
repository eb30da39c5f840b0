import BaoCaoCore
import Foundation

/// A node configuration read from its file, with every path resolved against the
/// directory the file is in.
struct LoadedConfiguration {
    let file: String
    let configuration: NodeConfiguration
    let topologyPath: String
    let catalogPath: String
    let plansPath: String?
    let calendarOverridesPath: String?
    let personnelPath: String?
    let dataDirectory: String

    var databasePath: String {
        (dataDirectory as NSString).appendingPathComponent(NodeConfiguration.databaseFileName)
    }

    init(file: String) throws {
        let configuration = try YAMLDocument.decode(NodeConfiguration.self, fromFile: file)
        let base = (file as NSString).deletingLastPathComponent
        let resolve = { (path: String) in Self.resolve(path, against: base) }
        self.file = file
        self.configuration = configuration
        self.topologyPath = resolve(configuration.topology)
        self.catalogPath = resolve(configuration.catalog)
        self.plansPath = configuration.plans.map(resolve)
        self.calendarOverridesPath = configuration.calendarOverrides.map(resolve)
        self.personnelPath = configuration.personnel.map(resolve)
        self.dataDirectory = resolve(configuration.effectiveDataDirectory)
    }

    /// The backups in force (``BackupPolicy``), their folder resolved: as configured, or
    /// beside the resolved data directory.
    var backupPolicy: BackupPolicy {
        var policy = configuration.effectiveBackup
        policy.directory = policy.directoryConfigured ? resolve(policy.directory) : BackupPolicy.defaultDirectory(beside: dataDirectory)
        return policy
    }

    /// A path from the configuration file, made absolute against the file's directory.
    func resolve(_ path: String) -> String {
        Self.resolve(path, against: (file as NSString).deletingLastPathComponent)
    }

    /// The path as people should read it in a message: absolute paths and paths relative
    /// to the configuration file alike, with `..` and `.` worked out.
    static func resolve(_ path: String, against base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let joined = expanded.hasPrefix("/") ? expanded : ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(expanded)
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// Reads and checks the topology and catalog the configuration names, and that the
    /// home unit is in the topology. Nothing is written.
    func loadSources() throws -> (Topology, Catalog) {
        let topology = try TopologyFile.load(topologyPath)
        let catalog = try CatalogFile.load(catalogPath, adding: try plans(), against: topology)
        guard topology.unit(code: configuration.unit) != nil else {
            throw CLIError("Tệp \(file): đơn vị \(configuration.unit) không có trong danh sách đơn vị \(topologyPath).")
        }
        return (topology, catalog)
    }
}

extension LoadedConfiguration {
    /// The plan targets of the configuration's `plans` file; none without one.
    func plans() throws -> [PlanTarget] {
        try plansPath.map { try PlanTarget.targets(csv: TextFile.read($0), fileName: $0) } ?? []
    }
}

enum TopologyFile {
    static func load(_ path: String) throws -> Topology {
        try Topology(csv: TextFile.read(path), fileName: path)
    }
}

enum CatalogFile {
    static func load(_ path: String, adding plans: [PlanTarget] = [], against topology: Topology? = nil) throws -> Catalog {
        var catalog = try YAMLDocument.decode(Catalog.self, fromFile: path)
        catalog.plans += plans
        let problems = catalog.problems(against: topology)
        if let first = problems.first {
            let more = problems.count > 1 ? " (và \(problems.count - 1) lỗi khác; xem baocao catalog check)" : ""
            throw CLIError("Tệp \(path): \(first.message)\(more)")
        }
        return catalog
    }
}

enum CalendarOverridesFile {
    static func load(_ path: String?) throws -> CalendarOverrides {
        guard let path else { return .none }
        return try YAMLDocument.decode(CalendarOverrides.self, fromFile: path)
    }
}
