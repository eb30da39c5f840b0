import AsyncHTTPClient
import BaoCaoCore
import Foundation
import Logging
import ServiceLifecycle

/// The background loop inside `baocao serve`: a sync round with the parent every
/// interval give or take a tenth (so that nodes started together do not stay in step),
/// and after a failure, backoff with jitter. Stops on graceful shutdown.
public struct SyncService: Service {
    public let client: SyncClient
    public let interval: Double
    public let retry: RetryPolicy
    public let logger: Logger
    /// Seconds before the first round. A node alone syncs at once; the nodes of a host
    /// (`baocao host`) start spread over an interval, so that hundreds of them do not all
    /// shake hands with their parents in the same second.
    public let firstRoundDelay: Double

    public init(client: SyncClient, interval: Double, retry: RetryPolicy = RetryPolicy(), firstRoundDelay: Double = 0, logger: Logger) {
        self.client = client
        self.interval = interval
        self.retry = retry
        self.firstRoundDelay = firstRoundDelay
        self.logger = logger
    }

    public func run() async throws {
        var failures = 0
        if firstRoundDelay > 0 {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(firstRoundDelay * 1000))) }
        }
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let wait: Double
            do {
                let round = try await client.round()
                failures = 0
                if round.pushed + round.pulled + round.refused + round.postponed > 0 {
                    logger.info("sync round", metadata: ["pushed": "\(round.pushed)", "pulled": "\(round.pulled)", "refused": "\(round.refused)", "postponed": "\(round.postponed)"])
                }
                wait = interval * Double.random(in: 0.9...1.1)
            } catch {
                failures += 1
                wait = retry.delay(afterFailures: failures, random: Double.random(in: 0...1))
                logger.warning("sync round failed, retrying", metadata: ["error": "\(error)", "in": "\(Int(wait))s"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        }
    }
}
