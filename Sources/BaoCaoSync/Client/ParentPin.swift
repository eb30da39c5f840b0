import BaoCaoBundle
import BaoCaoCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// The sync client's pin on its parent: the certificate the parent's address presents
/// must be a node certificate the release in force registers for the parent unit.
///
/// The HTTP client (AsyncHTTPClient) checks the chain and the host name but offers no
/// hook to see the certificate it accepted, so the pin is checked on a handshake of its
/// own to the same address, with the same client certificate, before the client talks to
/// the parent — and again after ``recheckInterval``, or after a round failed. A sibling
/// node, whose certificate chains to the same root, is refused here even if it answers
/// under the parent's name; the host-name check of the HTTP client stands behind it.
public final class ParentPin: Sendable {
    /// How long a parent's certificate, once found registered, is trusted without another
    /// handshake: the check costs a TLS handshake, dear on a 2G link.
    public static let recheckInterval: TimeInterval = 3600

    private let tls: TLSConfiguration
    private let resolving: [String: String]
    private let checked = Mutex<(fingerprint: String, at: Date)?>(nil)

    /// `certificatePEM` and `keyPEM` are the node's own (the parent asks for them).
    public init(certificatePEM: Data, keyPEM: Data, resolving: [String: String] = [:]) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM)).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM), format: .pem))
        tls.minimumTLSVersion = .tlsv12
        // The fingerprint is compared with the registry, which says more than a name: the
        // name is the HTTP client's check.
        tls.certificateVerification = .noHostnameVerification
        self.tls = tls
        self.resolving = resolving
    }

    /// Checks that `url`'s server presents a node certificate registered for `parent`.
    ///
    /// #### Errors
    /// ``SyncError/parentNotRegistered(_:_:)`` when it presents another; a transport error
    /// when no handshake could be made (the round fails as it would have anyway).
    public func check(_ url: String, parent: UnitCode, registry: SignerRegistry, now: Date) async throws {
        let registered = registry.nodes[parent.rawValue] ?? []
        // Before any release names the parent's node certificates there is nothing to pin to.
        guard !registered.isEmpty else { return }
        if let last = checked.withLock({ $0 }), registered.contains(last.fingerprint), now.timeIntervalSince(last.at) < Self.recheckInterval {
            return
        }
        guard let components = URLComponents(string: url), let host = components.host else { throw SyncError.noParentAddress }
        let port = components.port ?? 443
        let presented = try await presentedFingerprint(host: host, port: port) ?? "không có"
        guard registered.contains(presented) else {
            checked.withLock { $0 = nil }
            throw SyncError.parentNotRegistered(parent, presented)
        }
        checked.withLock { $0 = (presented, now) }
    }

    /// Forgets the last check: the next round makes the handshake again.
    public func forget() {
        checked.withLock { $0 = nil }
    }

    /// The SHA-256 fingerprint of the certificate `host:port` presents, once the handshake
    /// is done; `nil` if it presented none.
    private func presentedFingerprint(host: String, port: Int) async throws -> String? {
        let context = try NIOSSLContext(configuration: tls)
        let seen = Mutex<String?>(nil)
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        // Completed by the handshake, an error or the connection closing — or here, when
        // no connection was made: never left pending.
        let handshake = loop.makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(.seconds(60))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // Whatever it presents is only recorded here; whether it is the parent's is
                        // decided against the registry, not by this handshake.
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host) { certificates, promise in
                            if let leaf = certificates.first, let der = try? leaf.toDERBytes() {
                                seen.withLock { $0 = SHA256Digest.hex(of: Data(der)) }
                            }
                            promise.succeed(.certificateVerified)
                        }
                        try channel.pipeline.syncOperations.addHandlers(handler, HandshakeDone(promise: handshake))
                    }
                }
                .connect(host: resolving[host] ?? host, port: port).get()
        } catch {
            handshake.fail(error)
            throw error
        }
        defer { channel.close(promise: nil) }
        try await handshake.futureResult.get()
        return seen.withLock { $0 }
    }
}

/// Completes its promise when the TLS handshake before it completes, or fails it when the
/// channel errs or closes first.
private final class HandshakeDone: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { promise.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}
