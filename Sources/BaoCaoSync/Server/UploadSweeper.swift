import BaoCaoNode
import Foundation
import Logging
import ServiceLifecycle

/// Removes the resumable uploads past their expiry, with their part files, every
/// ``UploadPolicy/sweepInterval`` — whether or not any child creates another upload. It
/// runs inside the sync server's application (``SyncServer/application(runtime:tls:host:port:logger:uploads:onRunning:now:)``),
/// so it starts and stops with it; shutdown cancels its wait.
struct UploadSweeper: Service {
    let ledger: UploadLedger
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let removed = try await ledger.removeExpired(at: now())
                if removed > 0 { logger.info("expired uploads removed", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("expired uploads not removed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
