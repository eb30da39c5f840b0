import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoZip
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The endpoints children call (DESIGN §8), served over HTTPS with mutual TLS:
///
/// - `POST /sync/v1/bundles`: one or more bundles (``BundleFraming``), `deflate`-coded when
///   the child says so (``WireEncoding``); the answer (``BatchAnswer``) gives each bundle
///   its ``BundleAnswer`` — `accepted`, `duplicate`, `rejected` with a code and reason, or
///   `retry` when it was not stored (the others of the batch are answered all the same).
///   Each is answered only after it is committed. If this node cannot write at all (a full
///   disk, read-only storage) the answer is 507, and the child offers them again later.
/// - `GET /sync/v1/feed?after=CURSOR`: the bundles waiting to go down to the caller, after
///   the cursor; asking for what comes after a cursor acknowledges everything up to it. A
///   page holds at most 8 MiB of bundles, or exactly one bundle larger than that
///   (``ChildFeed``); `BaoCao-Items` lists each item's cursor, size, id and sender
///   (``FeedItemList``), so the child can refuse one and move past it. A page of one large
///   bundle is streamed from its file, uncoded.
/// - `/sync/v1/uploads`: resumable uploads for large bundles (``ResumableUploads``).
///
/// Every answer states the node's epoch (``SyncField/epoch``); every failure is a
/// ``ProblemAnswer`` with a code and a Vietnamese message (``SyncProblemMiddleware``).
public enum SyncServer {
    public static func router(runtime: NodeRuntime, uploads: UploadPolicy = .default,
                              now: @escaping @Sendable () -> Date = Date.init) -> Router<SyncRequestContext> {
        let router = Router(context: SyncRequestContext.self)
        router.add(middleware: SyncProblemMiddleware())
        router.post("/sync/v1/bundles") { request, context in try await receive(request, context: context, runtime: runtime, now: now) }
        router.get("/sync/v1/feed") { request, context in try await feed(request, context: context, runtime: runtime, now: now) }
        ResumableUploads(runtime: runtime, policy: uploads, now: now).register(on: router)
        return router
    }

    static func receive(_ request: Request, context: SyncRequestContext, runtime: NodeRuntime, now: @Sendable () -> Date) async throws -> Response {
        let caller = try await PeerIdentity.child(of: runtime, context: context)
        // Recorded with the bundles the request brings, in the commit that takes them in.
        let clock = ClockSkew.reading(request.headers[SyncField.clock], of: caller, now: now())
        let bundles: [Data]
        do {
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let framed = try WireEncoding.decode(Data(body.readableBytesView), contentEncoding: request.headers[.contentEncoding],
                                                 limit: context.maxUploadSize)
            bundles = try BundleFraming.decode(framed)
        } catch {
            await ClockSkew.record(request.headers[SyncField.clock], of: caller, in: runtime, now: clock?.measuredAt ?? now())
            guard let error = error as? BundleError else { throw error }
            throw SyncProblem.badRequest(error.code.rawValue, error.message)
        }
        let results = await runtime.ingestBatch(bundles, from: .child(caller), now: now(), clock: clock)
        if results.contains(where: { (try? $0.outcome.get()) == .accepted }) { CrashPoint.ingestCommittedNotAnswered.reach() }
        for case .failure(let failure) in results.map(\.outcome) {
            context.logger.warning("bundle not stored", metadata: ["from": "\(caller)", "error": "\(failure.logDescription)"])
            // Not a verdict on the bundles: a node that cannot write at all answers 507, and
            // the child offers them again (what was committed answers `duplicate` then).
            if failure.isStorageCondition { throw SyncProblem.cannotStore(failure) }
        }
        let json = try BundleAnswer.encoder.encode(BatchAnswer(results: results.map(BundleAnswer.init)))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        try await addEpoch(to: &headers, runtime: runtime)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    static func feed(_ request: Request, context: SyncRequestContext, runtime: NodeRuntime, now: @Sendable () -> Date) async throws -> Response {
        let child = try await PeerIdentity.child(of: runtime, context: context)
        await ClockSkew.record(request.headers[SyncField.clock], of: child, in: runtime, now: now())
        await VersionReport.record(request.headers[SyncField.versions], of: child, in: runtime, now: now())
        let after = Int64(request.uri.queryParameters.get("after") ?? "0") ?? 0
        let feed = ChildFeed(runtime: runtime, child: child)
        let page = try await feed.page(after: after, at: now())
        var headers: HTTPFields = [.contentType: BundleFraming.mediaType]
        headers[SyncField.cursor] = String(page.cursor)
        headers[SyncField.more] = page.hasMore ? "true" : "false"
        headers[SyncField.items] = FeedItemList(page).field
        try await addEpoch(to: &headers, runtime: runtime)
        if page.bytes <= ChildFeed.maximumPageBytes {
            var bundles: [Data] = []
            for item in page.items { bundles.append(try await feed.contents(of: item)) }
            var framed = BundleFraming.encode(bundles)
            if WireEncoding.accepts(request.headers[.acceptEncoding]) {
                framed = Zlib.compress(framed)
                headers[.contentEncoding] = "deflate"
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: framed)))
        }
        // One bundle larger than a page: streamed from its mapped file, a piece at a time.
        let bundle = try await feed.contents(of: page.items[0])
        let body = ResponseBody(contentLength: 8 + bundle.count) { writer in
            var length = UInt64(bundle.count).bigEndian
            try await writer.write(withUnsafeBytes(of: &length) { ByteBuffer(bytes: $0) })
            var offset = 0
            while offset < bundle.count {
                let end = min(offset + SyncServer.feedStreamPiece, bundle.count)
                try await writer.write(ByteBuffer(bytes: bundle[offset..<end]))
                offset = end
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// How much of a large bundle is read from its file and written at once.
    static let feedStreamPiece = 256 << 10

    /// Every answer says which epoch of this node is speaking, and since when, if it was
    /// restored: a child that sees a new epoch offers again what it sent since then.
    static func addEpoch(to headers: inout HTTPFields, runtime: NodeRuntime) async throws {
        let (epoch, restored) = try await BlockingWork.run { (try runtime.epoch(), try runtime.restoredFrom()) }
        headers[SyncField.epoch] = epoch
        if let restored { headers[SyncField.restoredFrom] = restored }
    }

    /// How long a closing TLS connection waits for the peer's `close_notify` (NIOSSL waits
    /// five seconds by default). A node stopping closes its children's idle connections, and
    /// children that do not answer would hold its shutdown that long each; nothing is lost by
    /// not waiting, since every answer was complete before the close began.
    static let tlsShutdownTimeout = TimeAmount.milliseconds(300)

    /// Mutual TLS: the node's own certificate, and a certificate asked of every caller.
    /// TLS 1.2 or later. `anchorsPEM` stands as the TLS library's trust roots only: the
    /// application (``application(runtime:tls:host:port:logger:uploads:onRunning:now:)``)
    /// checks each caller against the anchors of the release in force instead
    /// (``PeerCertificateCheck``).
    public static func tlsConfiguration(certificatePEM: Data, keyPEM: Data, anchorsPEM: Data) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM), format: .pem)
        let anchors = try NIOSSLCertificate.fromPEMBytes(Array(anchorsPEM))
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: chain, privateKey: .privateKey(key), trustRoots: .certificates(anchors))
        configuration.minimumTLSVersion = .tlsv12
        configuration.shutdownTimeout = tlsShutdownTimeout
        return configuration
    }

    /// The sync application, ready to run as a service. `now` is the node's clock: it
    /// stamps what arrives, and the callers' TLS certificates are checked against it
    /// (``PeerCertificateCheck``), within the node's clock tolerance, and against the
    /// anchors of the province release in force at each handshake (the installed ones
    /// before the first release), so a new release's roots apply without a restart. `uploads` sets the
    /// resumable uploads' quotas and lifetime; their sweeper (``UploadSweeper``) runs with
    /// the application.
    public static func application(runtime: NodeRuntime, tls: TLSConfiguration, host: String, port: Int, logger: Logger,
                                   uploads: UploadPolicy = .default,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in },
                                   now: @escaping @Sendable () -> Date = Date.init) throws -> some ApplicationProtocol {
        let check = PeerCertificateCheck(runtime: runtime, now: now)
        return Application(
            router: router(runtime: runtime, uploads: uploads, now: now),
            server: try .tls(.http1(), configuration: TLSChannelConfiguration(tlsConfiguration: tls, customVerificationCallback: check.callback)),
            configuration: .init(address: .hostname(host, port: port), serverName: "baocao"),
            services: [UploadSweeper(ledger: UploadLedger(runtime: runtime), interval: uploads.sweepInterval, logger: logger, now: now)],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
