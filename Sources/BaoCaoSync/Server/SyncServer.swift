import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The endpoints children call (DESIGN §8), served over HTTPS with mutual TLS:
///
/// Batches travel `deflate`-coded when the other side says so (``WireEncoding``).
///
/// - `POST /sync/v1/bundles`: one or more bundles (``BundleFraming``); the answer lists,
///   for each, `accepted`, `duplicate` or `rejected` with the reason. Each is answered only
///   after it is committed. If this node cannot store them (disk full, read-only
///   storage) the answer is 507, and the child offers them again later.
/// - `GET /sync/v1/feed?after=CURSOR`: the bundles waiting to go down to the caller, after
///   the cursor; asking for what comes after a cursor acknowledges everything up to it.
public enum SyncServer {
    /// The result of one bundle of a batch.
    public struct Result: Codable, Sendable, Equatable {
        public let id: String?
        public let outcome: String
        public let reason: String?
    }

    public static let feedPageSize = 100

    public static func router(runtime: NodeRuntime, now: @escaping @Sendable () -> Date = Date.init) -> Router<SyncRequestContext> {
        let router = Router(context: SyncRequestContext.self)
        router.add(middleware: StorageFailureMiddleware())
        router.post("/sync/v1/bundles") { request, context -> Response in
            let caller = try await PeerIdentity.child(of: runtime, context: context)
            ClockSkew.record(request.headers[ClockSkew.header], of: caller, in: runtime, now: now())
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let bundles: [Data]
            do {
                let framed = try WireEncoding.decode(Data(body.readableBytesView), contentEncoding: request.headers[.contentEncoding],
                                                     limit: context.maxUploadSize)
                bundles = try BundleFraming.decode(framed)
            } catch let error as BundleError {
                throw HTTPError(.badRequest, message: error.message)
            }
            let outcomes = runtime.ingestBatch(bundles, origin: .https, now: now())
            if outcomes.contains(.accepted) { CrashPoint.ingestCommittedNotAnswered.reach() }
            if let failure = outcomes.first(where: \.isStorageFailure), case .rejected(let error) = failure {
                // Not a verdict on the bundles: a 5xx makes the child keep them and offer
                // them again (what was committed answers `duplicate` then).
                throw HTTPError.insufficientStorage(error.message)
            }
            var results: [Result] = []
            for (data, outcome) in zip(bundles, outcomes) {
                let id = try? BundleArchive(reading: data).entries[Manifest.fileName].map(SHA256Digest.hex(of:))
                switch outcome {
                case .accepted: results.append(Result(id: id ?? nil, outcome: "accepted", reason: nil))
                case .duplicate: results.append(Result(id: id ?? nil, outcome: "duplicate", reason: nil))
                case .rejected(let error): results.append(Result(id: id ?? nil, outcome: "rejected", reason: error.message))
                }
            }
            let json = try JSONEncoder().encode(["results": results])
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            try addEpoch(to: &headers, runtime: runtime)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
        router.get("/sync/v1/feed") { request, context -> Response in
            let child = try await PeerIdentity.child(of: runtime, context: context)
            ClockSkew.record(request.headers[ClockSkew.header], of: child, in: runtime, now: now())
            let after = Int64(request.uri.queryParameters.get("after") ?? "0") ?? 0
            if after > 0 { try runtime.store.acknowledgeFeed(of: child, through: after, at: now()) }
            let page = try runtime.store.feed(for: child, after: after, limit: feedPageSize)
            let bundles = try page.map { try runtime.files.read($0.bundleId) }
            let cursor = page.last?.sequence ?? after
            var headers: HTTPFields = [.contentType: BundleFraming.mediaType]
            headers[HTTPField.Name("BaoCao-Cursor")!] = String(cursor)
            headers[HTTPField.Name("BaoCao-More")!] = page.count == feedPageSize ? "true" : "false"
            try addEpoch(to: &headers, runtime: runtime)
            var framed = BundleFraming.encode(bundles)
            if WireEncoding.accepts(request.headers[.acceptEncoding]) {
                framed = Zlib.compress(framed)
                headers[.contentEncoding] = "deflate"
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: framed)))
        }
        ResumableUploads.register(on: router, runtime: runtime, now: now)
        return router
    }

    /// Every answer says which epoch of this node is speaking, and since when, if it was
    /// restored: a child that sees a new epoch offers again what it sent since then.
    static func addEpoch(to headers: inout HTTPFields, runtime: NodeRuntime) throws {
        headers[HTTPField.Name("BaoCao-Epoch")!] = try runtime.epoch()
        if let restored = try runtime.store.value(of: .restoredFrom) {
            headers[HTTPField.Name("BaoCao-Restored-From")!] = restored
        }
    }

    /// Mutual TLS: the node's own certificate, and only certificates issued under the
    /// anchors are accepted from callers. TLS 1.2 or later.
    public static func tlsConfiguration(certificatePEM: Data, keyPEM: Data, anchorsPEM: Data) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM), format: .pem)
        let anchors = try NIOSSLCertificate.fromPEMBytes(Array(anchorsPEM))
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: chain, privateKey: .privateKey(key), trustRoots: .certificates(anchors))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }

    /// The sync application, ready to run as a service. `now` is the node's clock: it
    /// stamps what arrives, and the callers' TLS certificates are checked against it
    /// (``PeerCertificateCheck``), within the node's clock tolerance.
    public static func application(runtime: NodeRuntime, tls: TLSConfiguration, host: String, port: Int, logger: Logger,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in },
                                   now: @escaping @Sendable () -> Date = Date.init) throws -> some ApplicationProtocol {
        let check = try PeerCertificateCheck(tls, tolerance: runtime.clockTolerance, now: now)
        return Application(
            router: router(runtime: runtime, now: now),
            server: try .tls(.http1(), configuration: TLSChannelConfiguration(tlsConfiguration: tls, customVerificationCallback: check?.callback)),
            configuration: .init(address: .hostname(host, port: port), serverName: "baocao"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
