import Foundation

/// Stops and starts the node services of the units an update concerns
/// (`baocao@<unit>.service`), through systemd when the machine runs it. A machine without
/// systemd (a container, a test) has no service to stop: said so in the log, nothing done.
public struct ServiceControl: Sendable {
    public let log: @Sendable (String) -> Void

    public init(log: @escaping @Sendable (String) -> Void) {
        self.log = log
    }

    var hasSystemd: Bool { FileManager.default.fileExists(atPath: "/run/systemd/system") }

    public func stop(_ instances: [String]) {
        perform("stop", instances, doing: "Dừng")
    }

    public func start(_ instances: [String]) {
        perform("start", instances, doing: "Khởi động")
    }

    private func perform(_ verb: String, _ instances: [String], doing: String) {
        guard hasSystemd else {
            log("Máy không chạy systemd: không \(doing.lowercased()) dịch vụ nào.")
            return
        }
        // A host's units share its one service: each service once, in order.
        var seen = Set<String>()
        for instance in instances where seen.insert(instance).inserted {
            let service = "baocao@\(instance).service"
            let result = try? SystemCommand.run("/bin/systemctl", [verb, service])
            if result?.status == 0 {
                log("\(doing) dịch vụ \(service).")
            } else {
                log("\(doing) dịch vụ \(service) không được: \(result?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? "không chạy được systemctl")")
            }
        }
    }
}
