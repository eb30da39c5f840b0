import ArgumentParser
import BaoCaoCore
import BaoCaoSync
import BaoCaoWeb
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `baocao host`: the nodes of many units of one province in one process, their web
/// interfaces behind one HTTPS address (`host.yaml`, ``HostConfiguration``).
struct HostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host",
        abstract: "Chạy nút của nhiều đơn vị trong một tiến trình, giao diện web của mọi đơn vị sau một địa chỉ HTTPS chung.",
        discussion: """
            Mỗi đơn vị giữ cấu hình, cơ sở dữ liệu, khóa và đồng bộ riêng như khi chạy trên máy riêng; \
            trang của đơn vị nằm dưới /<mã đơn vị> (ví dụ https://baocao.phutho.gov.vn/08515/), trang đầu cho người dùng chọn đơn vị. \
            Tệp host.yaml: xem Config/README.md.
            """,
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Chạy các đơn vị khai báo trong host.yaml (mặc định khi chỉ gõ baocao host --config host.yaml)."
        )

        @Option(name: .long, help: "Tệp cấu hình máy chủ chung (host.yaml).")
        var config: String

        func run() async throws {
            let hosted = try HostedNodes(configFile: config)
            var logger = Logger(label: "baocao.host")
            logger.logLevel = ProcessInfo.processInfo.environment["BAOCAO_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            let listen = try hosted.configuration.listenAddress()
            let tls = try HostTLS.identity(hosted.configuration.web?.tls, file: hosted.file)?.serverConfiguration()
            let placement = HostPlacement(hosts: .inForce(listenHost: listen.host, configured: hosted.configuration.web?.hosts),
                                          overTLS: tls != nil, signInThrottle: SignInThrottle())
            let interval = hosted.configuration.syncIntervalSeconds.map(Double.init)
            var services: [any Service] = []
            var units: [HostedUnits.Unit] = []
            var parts: [NodeServices] = []
            for node in hosted.nodes {
                var unitLogger = logger
                unitLogger[metadataKey: "unit"] = "\(node.homeUnit)"
                let unit = try NodeServices(node: node, logger: unitLogger, syncInterval: interval, hosting: placement)
                services += unit.services
                if let web = unit.hostedUnit { units.append(web) }
                parts.append(unit)
            }
            let front = try HostedUnits(units: units, title: hosted.title, hosts: placement.hosts, overTLS: tls != nil)
            let (title, count, scheme) = (hosted.title, units.count, tls == nil ? "http" : "https")
            // Said once the address answers, so that whoever waits for it can use it at once.
            services.append(try front.application(tls: tls, host: listen.host, port: listen.port, logger: logger) { port in
                print("Máy chủ chung \(title) đang chạy \(count) đơn vị tại \(scheme)://\(listen.host):\(port)/ "
                      + "(trang của mỗi đơn vị dưới /<mã đơn vị>/). Nhấn Ctrl-C để dừng.")
                fflush(nil)
            })
            let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) },
                                                          gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            var failure: (any Error)?
            do {
                try await group.run()
            } catch {
                failure = error
            }
            for part in parts { try? await part.parentTransport?.shutdown() }
            if let failure { throw failure }
        }
    }
}
