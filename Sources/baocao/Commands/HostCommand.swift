import ArgumentParser
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import BaoCaoSync
import BaoCaoWeb
import Foundation
import Logging
import ServiceLifecycle

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
        subcommands: [Serve.self, MoveOut.self, MoveIn.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Chạy các đơn vị khai báo trong host.yaml (mặc định khi chỉ gõ baocao host --config host.yaml)."
        )

        @Option(name: .long, help: "Tệp cấu hình máy chủ chung (host.yaml).")
        var config: String

        init() {}

        /// `baocao serve` given a host's file.
        init(config: String) {
            self.config = config
        }

        func run() async throws {
            let lock = try HostLock(hostFile: config, busy: "Máy chủ chung của \(config) đang chạy ở một tiến trình khác.")
            defer { withExtendedLifetime(lock) {} }
            let hosted = try HostedNodes(configFile: config)
            for mark in hosted.moved { print(mark.notice) }
            guard !hosted.nodes.isEmpty else { throw CLIError("Mọi đơn vị của \(config) đã chuyển ra máy riêng: không còn nút nào để chạy.") }
            var logger = Logger(label: "baocao.host")
            logger.logLevel = ProcessInfo.processInfo.environment["BAOCAO_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            let listen = try hosted.configuration.listenAddress()
            let tls = try HostTLS.identity(hosted.configuration.web?.tls, file: hosted.file)?.serverConfiguration()
            let placement = HostPlacement(hosts: .inForce(listenHost: listen.host, configured: hosted.configuration.web?.hosts),
                                          overTLS: tls != nil,
                                          signInThrottle: SignInThrottle(attempts: hosted.configuration.web?.signInAttemptsPerMinute ?? 10))
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
            try await NodeServices.run(services, closing: parts, logger: logger)
        }
    }

    /// `baocao host move-out`: a hosted unit leaves for a machine of its own.
    struct MoveOut: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move-out",
            abstract: "Chuyển một đơn vị ra máy riêng: sao lưu nút (có chữ ký số của đơn vị) vào một tệp và đánh dấu để máy chủ chung không chạy nút này nữa.",
            discussion: """
                Dừng máy chủ chung trước. Trên máy mới: chép tệp cấu hình của đơn vị và các khóa của nó, sửa đường dẫn, \
                rồi chạy baocao restore --config <tệp cấu hình> <tệp sao lưu> và baocao serve. Nút cấp trên nhận ra đơn vị qua chứng thư, \
                không cần làm gì; cấp dưới (nếu có) theo địa chỉ mới ghi trong tệp cấu hình của chúng hoặc trong bản phát hành của tỉnh.
                """
        )

        @Option(name: .long, help: "Tệp cấu hình máy chủ chung (host.yaml).") var config: String
        @Option(name: .long, help: "Mã đơn vị chuyển đi.") var unit: String
        @Option(name: .long, help: "Tệp sao lưu ghi ra (.zip), mang sang máy mới.") var to: String

        func run() throws {
            let lock = try HostLock(hostFile: config, busy: "Máy chủ chung của \(config) đang chạy: hãy dừng trước khi chuyển đơn vị ra máy riêng.")
            defer { withExtendedLifetime(lock) {} }
            let code = try UnitCode(parsing: unit)
            let loaded = try HostedNodes.configuration(of: code, in: config)
            if let mark = MovedUnitMark.read(in: loaded.dataDirectory) { throw CLIError(mark.notice) }
            let node = try NodeContext(configFile: loaded.file)
            let description = try NodeBackup.write(store: node.store, files: node.bundleFiles, unit: node.homeUnit,
                                                   signedBy: try node.signingIdentity(), to: URL(fileURLWithPath: to), now: Date())
            // The backup is checked as the new machine will check it before the host lets the unit go.
            do {
                _ = try NodeBackup.verify(URL(fileURLWithPath: to), expectedUnit: code, signers: try loaded.backupSigners())
            } catch let error as BackupError {
                throw CLIError("Bản sao lưu vừa ghi không đạt kiểm tra, đơn vị vẫn chạy ở máy chủ chung: \(error.message)")
            }
            try node.store.close()
            try MovedUnitMark(unit: code.rawValue, movedAt: Date(), backup: URL(fileURLWithPath: to).standardizedFileURL.path).write(in: loaded.dataDirectory)
            print("Đã sao lưu đơn vị \(code) vào \(to) (\(description.bundles) gói tin, có chữ ký số của đơn vị) và đánh dấu đã chuyển đi: "
                  + "máy chủ chung không chạy nút này nữa. Trên máy mới: baocao restore --config <tệp cấu hình> \(to), rồi baocao serve.")
        }
    }

    /// `baocao host move-in`: a unit comes (back) to the host with its data from its own machine.
    struct MoveIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move-in",
            abstract: "Chuyển một đơn vị về máy chủ chung: phục hồi nút từ bản sao lưu làm trên máy riêng của đơn vị (kiểm tra chữ ký số trước).",
            discussion: "Dừng nút trên máy riêng và máy chủ chung trước. Dữ liệu cũ của đơn vị ở máy chủ chung được giữ ở thư mục bên cạnh, không bị xóa."
        )

        @Option(name: .long, help: "Tệp cấu hình máy chủ chung (host.yaml).") var config: String
        @Option(name: .long, help: "Mã đơn vị chuyển về.") var unit: String
        @Option(name: .long, help: "Tệp sao lưu làm trên máy riêng của đơn vị (baocao backup write).") var from: String

        func run() throws {
            let lock = try HostLock(hostFile: config, busy: "Máy chủ chung của \(config) đang chạy: hãy dừng trước khi chuyển đơn vị về.")
            defer { withExtendedLifetime(lock) {} }
            let code = try UnitCode(parsing: unit)
            let loaded = try HostedNodes.configuration(of: code, in: config)
            guard FileManager.default.fileExists(atPath: from) else { throw CLIError("Không tìm thấy tệp sao lưu \(from).") }
            do {
                let description = try NodeBackup.restore(from: URL(fileURLWithPath: from), into: loaded.dataDirectory, expectedUnit: code,
                                                         signers: try loaded.backupSigners(), now: Date())
                print("Đã chuyển đơn vị \(code) về máy chủ chung từ bản sao lưu lúc \(VietnamTime.displayText(description.createdAt)) "
                      + "(\(description.bundles) gói tin). Dữ liệu cũ ở máy chủ chung được giữ ở \(loaded.dataDirectory).before-restore-*.")
            } catch let error as BackupError {
                throw CLIError(error.message)
            }
        }
    }
}
