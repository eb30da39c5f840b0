import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoNode
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// What the node serves on its local port — HTTPS with `network.localTLS`, plain HTTP on
/// the loopback otherwise: health, metrics and, given its environment, the web interface.
public enum LocalApplication {
    /// `overTLS`: the port serves HTTPS, so every answer carries HSTS and every cookie `Secure`.
    public static func router(runtime: NodeRuntime, web: WebEnvironment? = nil, overTLS: Bool = false,
                              now: @escaping @Sendable () -> Date = Date.init) -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self)
        if overTLS { router.add(middleware: StrictTransportSecurityMiddleware()) }
        if var web {
            web.overTLS = overTLS
            WebInterface.register(on: router, web: web)
        }
        router.get("/healthz") { _, _ -> Response in
            let body = try await BlockingWork.run { try NodeHealth(runtime: runtime, now: now()).json() }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/metrics") { _, _ -> Response in
            let (pending, summary, lastSync, unsettled, refusedFromFeed, release) = try await BlockingWork.run {
                (try runtime.store.pendingCounts(), try runtime.store.summary(),
                 try runtime.store.value(of: .lastSync).flatMap { try? Date($0, strategy: .iso8601) },
                 try runtime.longUnsettledBundles(at: now()).count, try runtime.refusedFeedItems(limit: 0).total,
                 try runtime.provinceRelease())
            }
            var lines = [
                "# HELP baocao_bundles Bundles this node holds.",
                "# TYPE baocao_bundles gauge",
                "baocao_bundles{unit=\"\(runtime.home)\"} \(summary.bundles)",
                "# HELP baocao_deliveries_pending Bundles waiting to go to a neighbour.",
                "# TYPE baocao_deliveries_pending gauge",
                "baocao_deliveries_pending{unit=\"\(runtime.home)\",direction=\"up\"} \(pending.up)",
                "baocao_deliveries_pending{unit=\"\(runtime.home)\",direction=\"down\"} \(pending.down)",
                "# HELP baocao_releases Releases this node keeps.",
                "# TYPE baocao_releases gauge",
                "baocao_releases{unit=\"\(runtime.home)\"} \(summary.releases)",
                "# HELP baocao_deliveries_unsettled Bundles a neighbour has answered in a way this node does not understand for over a day.",
                "# TYPE baocao_deliveries_unsettled gauge",
                "baocao_deliveries_unsettled{unit=\"\(runtime.home)\"} \(unsettled)",
                "# HELP baocao_feed_items_refused_total Items of the parent's feed this node refused (too large, malformed, rejected) and passed over.",
                "# TYPE baocao_feed_items_refused_total counter",
                "baocao_feed_items_refused_total{unit=\"\(runtime.home)\"} \(refusedFromFeed)",
            ]
            if let release {
                let expired = ExpiredRelease(release, home: runtime.home, at: now()) == nil ? 0 : 1
                lines += ["# HELP baocao_release_expired Whether the province release in force is past its expiry (1) or not (0).",
                          "# TYPE baocao_release_expired gauge",
                          "baocao_release_expired{unit=\"\(runtime.home)\"} \(expired)",
                          "# HELP baocao_release_expiry_timestamp_seconds When the province release in force expires.",
                          "# TYPE baocao_release_expiry_timestamp_seconds gauge",
                          "baocao_release_expiry_timestamp_seconds{unit=\"\(runtime.home)\",version=\"\(release.content.version)\"} \(Int(release.content.expiresAt.timeIntervalSince1970))"]
            }
            if let backups = try runtime.backupFreshness(at: now()) {
                lines += ["# HELP baocao_backup_overdue Whether the last good backup is older than allowed, or backups are off (1), or not (0).",
                          "# TYPE baocao_backup_overdue gauge",
                          "baocao_backup_overdue{unit=\"\(runtime.home)\"} \(backups.isOverdue ? 1 : 0)"]
            }
            if let lastSync {
                lines += ["# HELP baocao_last_sync_timestamp_seconds When the last sync round with the parent completed.",
                          "# TYPE baocao_last_sync_timestamp_seconds gauge",
                          "baocao_last_sync_timestamp_seconds{unit=\"\(runtime.home)\"} \(Int(lastSync.timeIntervalSince1970))"]
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
        }
        return router
    }

    /// With `tls` (``LocalTLSIdentity/serverConfiguration()``) the port serves HTTPS only.
    public static func application(runtime: NodeRuntime, web: WebEnvironment? = nil, tls: TLSConfiguration? = nil, host: String, port: Int,
                                   logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        let server: HTTPServerBuilder = if let tls { try .tls(.http1(), tlsConfiguration: tls) } else { .http1() }
        return Application(
            router: router(runtime: runtime, web: web, overTLS: tls != nil),
            server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "baocao"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
