import BaoCaoBundle
import BaoCaoCore
import Foundation
import Yams

/// The configuration of one node of `baocao demo`, written as the YAML file a person
/// would write (see `Config/`): encoded from ``NodeConfiguration`` itself, so the file
/// always reads back as the node will read it, whatever the paths hold.
struct DemoConfiguration {
    let unit: ReportingUnit
    /// The demo's folder for this shape of network.
    let base: URL
    /// The development PKI's folder.
    let pki: URL
    let topology: String
    let catalog: String
    let plans: String
    /// The personnel catalog the province publishes (seed 003); `nil` for other nodes.
    var personnel: String?
    let syncPort: Int
    let localPort: Int
    /// The parent's unit and sync port; `nil` for the province.
    let parent: (unit: UnitCode, port: Int)?
    /// For how many days the province's releases stay acceptable (`releaseValidityDays`);
    /// `nil` for the default. The reform demo's first release, dated December 2023, lasts
    /// until the network runs today.
    var releaseValidityDays: Int? = nil
    /// The files of the keys pinned for the first release and of the first registry, when
    /// not the PKI's (`publishers.txt`, `registry.json`): a province enrolled by the reform
    /// pins its own key.
    var publishers: String? = nil
    var registry: String? = nil

    var configuration: NodeConfiguration {
        let keys = pki.appendingPathComponent("units/\(unit.code)").path
        var configuration = NodeConfiguration(unit: unit.code, dataDirectory: base.appendingPathComponent("data/\(unit.code)").path,
                                              topology: topology, catalog: catalog, plans: plans)
        configuration.personnel = parent == nil ? personnel : nil
        configuration.releaseValidityDays = releaseValidityDays
        configuration.trust = TrustConfiguration(anchors: pki.appendingPathComponent("root.pem").path,
                                                 publishers: publishers ?? pki.appendingPathComponent("publishers.txt").path,
                                                 registry: registry ?? pki.appendingPathComponent("registry.json").path)
        configuration.signing = SigningConfiguration(key: "\(keys)/signing.key", certificate: "\(keys)/signing.pem")
        configuration.encryption = SigningKeySource(key: "\(keys)/encryption.key", certificate: "\(keys)/encryption.pem")
        configuration.network = NetworkConfiguration(syncListen: "127.0.0.1:\(syncPort)", localListen: "127.0.0.1:\(localPort)",
                                                     // The parent by its certificate's name, reached on loopback.
                                                     parentURL: parent.map { "https://\(DevelopmentPKI.hostName(of: $0.unit)):\($0.port)" },
                                                     parentAddress: parent == nil ? nil : "127.0.0.1",
                                                     certificate: "\(keys)/node.pem", key: "\(keys)/node.key", syncIntervalSeconds: 3)
        // Backups as a real node makes them (seeds 000 art. 19.3, 001 art. 12.1), in a folder of their own beside the data.
        configuration.backup = BackupConfiguration(directory: base.appendingPathComponent("sao-luu/\(unit.code)").path,
                                                   intervalHours: 24, keep: 7, maximumAgeHours: 48)
        return configuration
    }

    /// The file's text: a comment naming the node, then the configuration.
    func yaml() throws -> String {
        var header = "# Nút thử nghiệm của baocao demo: \(unit.name) (\(unit.code)).\n"
        if parent == nil { header += "# Cấp cao nhất: không có cấp trên.\n" }
        return header + (try YAMLEncoder().encode(configuration))
    }
}
