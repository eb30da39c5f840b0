import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Test support, shipped as a target so tests and benchmarks share it.
///
/// A TCP proxy that makes a link as bad as a commune's: a bandwidth cap, added latency
/// each way, and the connection cut after a number of bytes sent upstream. It counts
/// every byte it forwards upstream, so a test can tell how much was sent again after cuts.
public final class FaultProxy: @unchecked Sendable {
    public struct Faults: Sendable {
        /// Upstream bytes per second; `nil` for no cap.
        public var bytesPerSecond: Int?
        /// Added to every chunk, each way.
        public var latency: TimeAmount
        /// Cut each connection after this many upstream bytes; `nil` never.
        public var cutAfter: Int?
        /// Stop cutting after this many cuts.
        public var maximumCuts: Int

        public init(bytesPerSecond: Int? = nil, latency: TimeAmount = .zero, cutAfter: Int? = nil, maximumCuts: Int = .max) {
            self.bytesPerSecond = bytesPerSecond
            self.latency = latency
            self.cutAfter = cutAfter
            self.maximumCuts = maximumCuts
        }
    }

    /// One connection through the proxy, as the link carried it.
    public struct Connection: Sendable {
        /// When the client connected.
        public var opened: NIODeadline
        /// The bytes sent upstream on it (TLS and HTTP included), up to its cut.
        public var upstreamBytes = 0
        /// How long the upstream link had nothing of this connection's to carry while it was
        /// open: the handshake's and the requests' waits for an answer, and the wait for the
        /// close after the last byte.
        public var idle: TimeAmount = .zero
        /// Whether the proxy cut it.
        public var cut = false
        /// When it closed, on either side.
        public var closed: NIODeadline?
    }

    public let faults: Faults
    let target: SocketAddress
    public private(set) var port = 0
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?
    private let counters = NIOLockedValueBox((upstream: 0, cuts: 0, connections: [Connection]()))

    public var upstreamBytes: Int { counters.withLockedValue { $0.upstream } }
    public var cuts: Int { counters.withLockedValue { $0.cuts } }
    /// Every connection so far, in the order they were made.
    public var connections: [Connection] { counters.withLockedValue { $0.connections } }

    public init(to targetPort: Int, faults: Faults) throws {
        self.faults = faults
        self.target = try SocketAddress(ipAddress: "127.0.0.1", port: targetPort)
    }

    public func start() async throws {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] inbound in
                let connection = counters.withLockedValue { counters in
                    counters.connections.append(Connection(opened: .now()))
                    return counters.connections.count - 1
                }
                return ClientBootstrap(group: inbound.eventLoop).connect(to: target).flatMap { outbound in
                    let upstream = Relay(proxy: self, connection: connection, partner: outbound, counting: true)
                    let downstream = Relay(proxy: self, connection: connection, partner: inbound, counting: false)
                    return inbound.pipeline.addHandler(upstream).flatMap { outbound.pipeline.addHandler(downstream) }
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    public func stop() async {
        try? await channel?.close()
        try? await group.shutdownGracefully()
    }

    /// Forwards what one side reads to the other, with the faults applied.
    final class Relay: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let proxy: FaultProxy
        let connection: Int
        let partner: any Channel
        let counting: Bool
        var sentOnConnection = 0
        var nextSendTime: NIODeadline = .now()
        var cut = false

        init(proxy: FaultProxy, connection: Int, partner: any Channel, counting: Bool) {
            self.proxy = proxy
            self.connection = connection
            self.partner = partner
            self.counting = counting
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !cut else { return }
            var buffer = unwrapInboundIn(data)
            var closeAfter = false
            if counting, let limit = proxy.faults.cutAfter, proxy.cuts < proxy.faults.maximumCuts,
               sentOnConnection + buffer.readableBytes >= limit {
                buffer = buffer.getSlice(at: buffer.readerIndex, length: max(limit - sentOnConnection, 0)) ?? ByteBuffer()
                closeAfter = true
                cut = true
                proxy.counters.withLockedValue { $0.cuts += 1 }
            }
            let count = buffer.readableBytes
            sentOnConnection += count
            let now = NIODeadline.now()
            if counting {
                let idle = nextSendTime < now ? now - nextSendTime : .zero
                proxy.counters.withLockedValue { counters in
                    counters.upstream += count
                    counters.connections[connection].upstreamBytes += count
                    counters.connections[connection].idle = counters.connections[connection].idle + idle
                    if closeAfter { counters.connections[connection].cut = true }
                }
            }
            var delay = proxy.faults.latency
            if counting, let rate = proxy.faults.bytesPerSecond {
                if nextSendTime < now { nextSendTime = now }
                nextSendTime = nextSendTime + .nanoseconds(Int64(count) * 1_000_000_000 / Int64(rate))
                delay = delay + (nextSendTime - now)
            }
            let partner = self.partner
            let inbound = context.channel
            let (forwarded, closing) = (buffer, closeAfter)
            partner.eventLoop.scheduleTask(in: delay) {
                partner.writeAndFlush(forwarded, promise: nil)
                if closing {
                    partner.close(promise: nil)
                    inbound.close(promise: nil)
                }
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            let now = NIODeadline.now()
            let (connection, counting, sentUntil) = (self.connection, self.counting, nextSendTime)
            proxy.counters.withLockedValue { counters in
                if counters.connections[connection].closed == nil { counters.connections[connection].closed = now }
                if counting, sentUntil < now {
                    counters.connections[connection].idle = counters.connections[connection].idle + (now - sentUntil)
                }
            }
            let partner = self.partner
            partner.eventLoop.scheduleTask(in: proxy.faults.latency) { partner.close(promise: nil) }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
