import ArgumentParser
import BaoCaoCore
import Foundation

/// A demo network ready to run: its nodes (configuration files and ports) in the order they
/// are shown, and what to say about it before it starts.
struct DemoNetwork {
    struct Node {
        let unit: ReportingUnit
        /// The node's configuration file.
        let config: String
        let syncPort: Int
        let localPort: Int
        /// How deep the unit sits (0 for the province), for indenting the list.
        let level: Int
    }

    /// "3 cấp, Hòa Bình", as the heading names the network.
    let title: String
    /// The demo's folder for this network.
    let base: URL
    let nodes: [Node]
    /// What to look at on this network, printed after the nodes.
    var notes: [String] = []

    /// Writes a node's configuration, initializes its database (once), and gives it the
    /// demo's accounts and synthetic staff roster (once).
    static func setUpNode(_ configuration: DemoConfiguration, index: Int, personnel: PersonnelCatalog) throws -> String {
        let config = configuration.base.appendingPathComponent("nodes/\(configuration.unit.code).yaml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(configuration.yaml().utf8).write(to: config)
        let database = configuration.base.appendingPathComponent("data/\(configuration.unit.code)/baocao.sqlite")
        // Made by an earlier run, accounts and roster included (a node that crossed the reform
        // no longer has its unit on the map its roster was made for).
        if FileManager.default.fileExists(atPath: database.path) { return config.path }
        let initialize = try InitCommand.parse(["--config", config.path])
        try initialize.run()
        try DemoCommand.addDemoAccounts(config: config.path)
        try DemoCommand.addDemoRoster(config: config.path, unit: configuration.unit, index: index, catalog: personnel)
        return config.path
    }
}
