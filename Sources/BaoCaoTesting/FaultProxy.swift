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

    public let faults: Faults
    let target: SocketAddress
    public private(set) var port = 0
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?
    private let counters = NIOLockedValueBox((upstream: 0, cuts: 0))

    public var upstreamBytes: Int { counters.withLockedValue { $0.upstream } }
    public var cuts: Int { counters.withLockedValue { $0.cuts } }

    public init(to targetPort: Int, faults: Faults) throws {
        self.faults = faults
        self.target = try SocketAddress(ipAddress: "127.0.0.1", port: targetPort)
    }

    public func start() async throws {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] inbound in
                ClientBootstrap(group: inbound.eventLoop).connect(to: target).flatMap { outbound in
                    let upstream = Relay(proxy: self, partner: outbound, counting: true)
                    let downstream = Relay(proxy: self, partner: inbound, counting: false)
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
        let partner: any Channel
        let counting: Bool
        var sentOnConnection = 0
        var nextSendTime: NIODeadline = .now()
        var cut = false

        init(proxy: FaultProxy, partner: any Channel, counting: Bool) {
            self.proxy = proxy
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
            if counting { proxy.counters.withLockedValue { $0.upstream += count } }
            var delay = proxy.faults.latency
            if counting, let rate = proxy.faults.bytesPerSecond {
                let now = NIODeadline.now()
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
            let partner = self.partner
            partner.eventLoop.scheduleTask(in: proxy.faults.latency) { partner.close(promise: nil) }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
