import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoSync
import BaoCaoWeb
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// What `baocao serve` runs for one node: the sync server (HTTPS, mutual TLS), the local
/// server (health, metrics, the web interface; HTTPS with `network.localTLS`) and the sync loop with the parent.
///
/// A unit hosted with others (`baocao host`, ``HostPlacement``) runs the same, but for its
/// web interface: that is the host's to serve under the unit's path (``hostedUnit``), and its
/// sync server runs only where its configuration gives `network.syncListen`.
struct NodeServices {
    let services: [any Service]
    /// The client to the parent, to shut down when the node stops.
    let parentTransport: ParentTransport?
    let summary: String
    /// Hosted: the unit's web interface, for the host to serve under `/<unit>`.
    let hostedUnit: HostedUnits.Unit?

    init(node: NodeContext, logger: Logger, syncInterval: Double? = nil, hosting: HostPlacement? = nil) throws {
        let network = node.configuration.network ?? NetworkConfiguration()
        // The web interface: refused beyond the loopback without HTTPS, before anything starts.
        let local = hosting == nil ? try network.localListenAddress() : nil
        let localTLS = hosting == nil ? try node.loaded.localTLSIdentity()?.serverConfiguration() : nil
        let identity = try NodeNetworkIdentity(node: node)
        let runtime = identity.runtime
        let (certificate, key, bootstrap) = (identity.certificate, identity.key, identity.bootstrap)
        var services: [any Service] = []
        var summary: [String] = []
        // The anchors here stand only until the first handshake: each caller is checked
        // against the anchors of the release in force (`PeerCertificateCheck`).
        if hosting == nil || network.syncListen != nil {
            let sync = try ListenAddress(network.syncListen ?? "0.0.0.0:8443", field: "network.syncListen")
            let tls = try SyncServer.tlsConfiguration(certificatePEM: certificate, keyPEM: key, anchorsPEM: bootstrap.anchorsPEM)
            services.append(try SyncServer.application(runtime: runtime, tls: tls, host: sync.host, port: sync.port, logger: logger))
            summary.append("đồng bộ https://\(sync)")
        }
        if let local { summary.append("cục bộ \(localTLS == nil ? "http" : "https")://\(local)") }
        var syncNow: (@Sendable () async throws -> String)?
        if let parent = try identity.parent() {
            // Trusts the anchors of the release in force, made again when a release changes them.
            let transport = try ParentTransport(runtime: runtime, certificatePEM: certificate, keyPEM: key, resolving: parent.resolving)
            var pinned = SyncClient(runtime: runtime, parentURL: parent.url, parentUnit: parent.unit, transport: transport)
            pinned.parentPin = try ParentPin(certificatePEM: certificate, keyPEM: key, resolving: parent.resolving)
            let client = pinned
            let interval = syncInterval ?? Double(network.syncIntervalSeconds ?? 60)
            services.append(SyncService(client: client, interval: interval, firstRoundDelay: hosting == nil ? 0 : Double.random(in: 0..<interval),
                                        logger: logger))
            syncNow = {
                let round = try await client.round(waitingToo: true)
                return "Đã đồng bộ với cấp trên: gửi \(round.pushed) gói tin, nhận \(round.pulled) gói tin"
                    + (round.refused + round.pulledRejected > 0 ? ", \(round.refused + round.pulledRejected) gói tin bị từ chối (xem nhật ký)" : "")
                    + (round.postponed > 0 ? ", \(round.postponed) gói tin cấp trên chưa nhận, sẽ gửi lại (xem bên dưới)." : ".")
            }
            self.parentTransport = transport
            summary.append("cấp trên \(parent.url)")
        } else {
            self.parentTransport = nil
        }
        let work = NodeWork(runtime: runtime, identity: node.configuration.signing == nil ? nil : try node.signingIdentity())
        let calendar = WorkingCalendar(overrides: try CalendarOverridesFile.load(node.loaded.calendarOverridesPath))
        if let hosting {
            let web = try WebEnvironment(work: work, security: node.configuration.effectiveSecurity, calendar: calendar, syncNow: syncNow,
                                         hosts: hosting.hosts, signInThrottle: hosting.signInThrottle,
                                         signService: try node.configuration.web?.signServiceOrigin(),
                                         unitPath: UnitPath(hosting: node.homeUnit))
            let name = try runtime.topology().unit(code: node.homeUnit)?.name ?? node.homeUnit.rawValue
            hostedUnit = HostedUnits.Unit(code: node.homeUnit, name: name,
                                          router: LocalApplication.router(runtime: runtime, web: web, overTLS: hosting.overTLS), runtime: runtime)
        } else if let local {
            let web = try WebEnvironment(work: work, security: node.configuration.effectiveSecurity, calendar: calendar, syncNow: syncNow,
                                         hosts: .inForce(listenHost: local.host, configured: network.localHosts),
                                         signInThrottle: SignInThrottle(attempts: node.configuration.security?.signInAttemptsPerMinute ?? 10),
                                         signService: try node.configuration.web?.signServiceOrigin())
            services.append(try LocalApplication.application(runtime: runtime, web: web, tls: localTLS, host: local.host, port: local.port, logger: logger))
            hostedUnit = nil
        } else {
            hostedUnit = nil
        }
        if work.identity != nil {
            services.append(CustodyLoop(service: PersonnelTransferService(work: work),
                                        interval: syncInterval ?? Double(network.syncIntervalSeconds ?? 60), logger: logger))
        }
        // Backups are on unless turned off (seeds 000 art. 19.3, 001 art. 12.1).
        if let policy = runtime.backupPolicy, policy.enabled {
            if let signer = work.identity {
                services.append(BackupService(runtime: runtime, policy: policy, directory: URL(fileURLWithPath: policy.directory),
                                              signer: signer, logger: logger))
                summary.append("sao lưu mỗi \(BackupPolicy.hours(policy.interval)) giờ vào \(policy.directory)")
            } else if node.configuration.backup != nil {
                throw CLIError("Tệp \(node.loaded.file) bật sao lưu định kỳ (mục backup) nhưng chưa khai báo khóa ký số (mục signing): bản sao lưu phải được ký.")
            } else {
                // On by default, but a node without its signing key cannot sign one: it says so until it has one.
                try BackupRecord.recordFailure("nút chưa khai báo khóa ký số (mục signing) nên không ký được bản sao lưu", at: Date(), in: runtime.store)
                logger.warning("scheduled backups need the unit's signing key (signing:); none made")
                summary.append("chưa sao lưu được (thiếu khóa ký số)")
            }
        }
        self.services = services
        self.summary = summary.joined(separator: ", ")
    }

    /// Runs `services` until SIGTERM or SIGINT (a graceful stop), then closes each of
    /// `nodes`' clients to its parent, whether the run ended well or not; the run's failure
    /// after that. What `serve`, `host` and `demo` share.
    static func run(_ services: [any Service], closing nodes: [NodeServices], logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) },
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        var failure: (any Error)?
        do {
            try await group.run()
        } catch {
            failure = error
        }
        for node in nodes { try? await node.parentTransport?.shutdown() }
        if let failure { throw failure }
    }
}

/// Where a hosted unit's web interface stands: behind the host's one address, under its
/// own path (``UnitPath``), with the host's names and one sign-in throttle for all units —
/// an address gets as many password guesses across every hosted unit as on one node.
struct HostPlacement {
    let hosts: WebHosts
    let overTLS: Bool
    let signInThrottle: SignInThrottle
}

/// What a node needs to talk to other nodes: its TLS identity, what it trusts, its
/// runtime, and where its parent is.
struct NodeNetworkIdentity {
    let node: NodeContext
    let certificate: Data
    let key: Data
    let bootstrap: NodeTrust.Bootstrap
    let runtime: NodeRuntime

    init(node: NodeContext) throws {
        let network = node.configuration.network ?? NetworkConfiguration()
        guard let certificatePath = network.certificate, let keyPath = network.key else {
            throw CLIError("Tệp \(node.loaded.file) chưa khai báo chứng thư TLS của nút (network.certificate và network.key).")
        }
        guard let bootstrap = try node.bootstrap() else {
            throw CLIError("Tệp \(node.loaded.file) chưa khai báo chứng thư gốc (trust.anchors).")
        }
        self.node = node
        self.certificate = try BinaryFile.read(node.loaded.resolve(certificatePath), what: "chứng thư TLS của nút")
        self.key = try BinaryFile.read(node.loaded.resolve(keyPath), what: "khóa TLS của nút")
        self.bootstrap = bootstrap
        self.runtime = NodeRuntime(store: node.store, files: node.bundleFiles, home: node.homeUnit, bootstrap: bootstrap,
                                   clockTolerance: node.configuration.effectiveClockTolerance,
                                   signer: node.configuration.signing == nil ? nil : try node.signingIdentity(),
                                   arrivalRecorder: AuditLog.arrivals, encryption: try node.encryptionIdentity(),
                                   calendar: WorkingCalendar(overrides: try CalendarOverridesFile.load(node.loaded.calendarOverridesPath)),
                                   backupPolicy: node.loaded.backupPolicy)
    }

    /// The parent unit, its sync address and where to connect for its host name (from
    /// `network.parentAddress`), or `nil` at the top of the tree.
    func parent() throws -> (unit: UnitCode, url: String, resolving: [String: String])? {
        guard let parent = try runtime.parent(configuredURL: node.configuration.network?.parentURL) else { return nil }
        guard let url = parent.url else {
            throw CLIError("Chưa biết địa chỉ nút cấp trên \(parent.unit): khai báo network.parentURL trong \(node.loaded.file).")
        }
        guard let address = node.configuration.network?.parentAddress else { return (parent.unit, url, [:]) }
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else {
            throw CLIError("Địa chỉ nút cấp trên \(url) không có tên máy (network.parentURL trong \(node.loaded.file)).")
        }
        return (parent.unit, url, [host: address])
    }
}
