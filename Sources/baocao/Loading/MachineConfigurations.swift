import BaoCaoCore
import Foundation
import Yams

/// What runs on a machine installed from the package: each `<name>.yaml` in `/etc/baocao`
/// is one service, `baocao@<name>.service`, running either one node (`baocao serve`) or a
/// host of many (`host.yaml`, `baocao host`); a host's units keep their own configuration
/// files, which it names (in a folder of their own, not `/etc/baocao` itself).
enum MachineConfigurations {
    /// One node configuration on this machine and the service instance that runs it.
    struct Node: Equatable {
        /// The systemd instance: the name of the file in `/etc/baocao`, without `.yaml`.
        let service: String
        let configPath: String
    }

    /// Whether `file` is a host's (`units:` and no `unit:` at its top level) rather than one node's.
    static func isHostFile(_ file: String) -> Bool {
        guard let text = try? TextFile.read(file), let mapping = (try? Yams.load(yaml: text)) as? [String: Any] else { return false }
        return mapping["units"] != nil && mapping["unit"] == nil
    }

    /// Every node the given files run: a node's file itself, a host's every unit that has
    /// not moved out to a machine of its own.
    static func nodes(of files: [String]) throws -> [Node] {
        var nodes: [Node] = []
        for file in files {
            let service = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            guard isHostFile(file) else {
                nodes.append(Node(service: service, configPath: file))
                continue
            }
            let host = try YAMLDocument.decode(HostConfiguration.self, fromFile: file)
            let folder = (file as NSString).deletingLastPathComponent
            for entry in host.unitFiles {
                let path = LoadedConfiguration.resolve(entry, against: folder)
                if MovedUnitMark.read(in: try LoadedConfiguration(file: path).dataDirectory) != nil { continue }
                nodes.append(Node(service: service, configPath: path))
            }
        }
        return nodes
    }
}
