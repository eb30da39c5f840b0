import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import BaoCaoSync
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Chạy nút: máy chủ đồng bộ (HTTPS, TLS hai chiều) cho cấp dưới, cổng cục bộ (/healthz, /metrics) và vòng đồng bộ với cấp trên.",
        discussion: "Tệp của máy chủ chung (host.yaml, có mục units) thì chạy như baocao host --config."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    func run() async throws {
        // One service template for both (`baocao@<name>.service`): a host's file runs the host.
        if MachineConfigurations.isHostFile(config) {
            try await HostCommand.Serve(config: config).run()
            return
        }
        let node = try NodeContext(configFile: config)
        var logger = Logger(label: "baocao.\(node.homeUnit)")
        logger.logLevel = ProcessInfo.processInfo.environment["BAOCAO_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let services = try NodeServices(node: node, logger: logger)
        print("Nút \(node.homeUnit) đang chạy: \(services.summary). Nhấn Ctrl-C để dừng.")
        fflush(nil)   // at once, also when the output is a file or the journal
        try await NodeServices.run(services.services, closing: [services], logger: logger)
    }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Đồng bộ một lần với nút cấp trên: gửi các gói tin đang chờ, rồi nhận các gói tin gửi xuống."
    )

    @Option(name: .long, help: "Tệp cấu hình của nút.")
    var config: String

    func run() async throws {
        let node = try NodeContext(configFile: config)
        let identity = try NodeNetworkIdentity(node: node)
        guard let (parent, parentURL, resolving) = try identity.parent() else {
            throw CLIError("Nút \(node.homeUnit) là cấp cao nhất, không có cấp trên để đồng bộ.")
        }
        let runtime = identity.runtime
        // Trusts the anchors of the release in force (the installed ones before the first).
        let transport = try ParentTransport(runtime: runtime, certificatePEM: identity.certificate, keyPEM: identity.key, resolving: resolving)
        let result: Result<SyncClient.Round, any Error>
        do {
            var client = SyncClient(runtime: runtime, parentURL: parentURL, parentUnit: parent, transport: transport)
            client.parentPin = try ParentPin(certificatePEM: identity.certificate, keyPEM: identity.key, resolving: resolving)
            result = .success(try await client.round(waitingToo: true))
        } catch {
            result = .failure(error)
        }
        try? await transport.shutdown()
        switch result {
        case .success(let round):
            print("Đã gửi \(round.pushed) gói tin (\(round.refused) bị từ chối, \(round.postponed) cấp trên chưa nhận và sẽ gửi lại), "
                  + "đã nhận \(round.pulled) gói tin (\(round.pulledRejected) bị từ chối).")
        case .failure(let error):
            // This node's own disk full or read-only: that, not the link, is the problem.
            if let storage = StoreError.storageFailure(from: error) { throw storage }
            if let failure = error as? NodeError, failure.isStorageCondition { throw failure }
            throw CLIError("Không đồng bộ được với nút cấp trên \(parentURL): \(LinkFailure.describe(error)). "
                           + "Dữ liệu chờ gửi vẫn được giữ; hãy thử lại hoặc dùng baocao export.")
        }
    }
}
