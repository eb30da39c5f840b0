import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP proxy that makes a link as bad as a commune's: a bandwidth cap, added latency
/// each way, and the connection cut after a number of bytes sent upstream. It counts
/// every byte it forwards upstream, so a test can tell how much was sent again after cuts.
final class FaultProxy: @unchecked Sendable {
    struct Faults: Sendable {
        /// Upstream bytes per second; `nil` for no cap.
        var bytesPerSecond: Int?
        /// Added to every chunk, each way.
        var latency: TimeAmount = .zero
        /// Cut each connection after this many upstream bytes; `nil` never.
        var cutAfter: Int?
        /// Stop cutting after this many cuts.
        var maximumCuts = Int.max
    }

    let faults: Faults
    let target: SocketAddress
    private(set) var port = 0
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: (any Channel)?
    private let counters = NIOLockedValueBox((upstream: 0, cuts: 0))

    var upstreamBytes: Int { counters.withLockedValue { $0.upstream } }
    var cuts: Int { counters.withLockedValue { $0.cuts } }

    init(to targetPort: Int, faults: Faults) throws {
        self.faults = faults
        self.target = try SocketAddress(ipAddress: "127.0.0.1", port: targetPort)
    }

    func start() async throws {
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

    func stop() async {
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
            partner.eventLoop.scheduleTask(in: delay) {
                partner.writeAndFlush(buffer, promise: nil)
                if closeAfter {
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
