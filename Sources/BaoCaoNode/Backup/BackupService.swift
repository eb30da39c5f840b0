import BaoCaoBundle
import BaoCaoStore
import Foundation
import Logging
import ServiceLifecycle

/// Scheduled backups inside `baocao serve`: one every interval, the newest `keep` kept.
public struct BackupService: Service {
    public let runtime: NodeRuntime
    public let directory: URL
    public let interval: Double
    public let keep: Int
    /// The node's signing key: every backup is signed (``NodeBackup``).
    public let signer: SigningIdentity
    public let logger: Logger

    public init(runtime: NodeRuntime, directory: URL, interval: Double, keep: Int, signer: SigningIdentity, logger: Logger) {
        self.runtime = runtime
        self.signer = signer
        self.directory = directory
        self.interval = interval
        self.keep = keep
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
            do {
                try await BlockingWork.run { try backupNow(at: Date()) }
            } catch {
                logger.error("scheduled backup failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Writes one backup and prunes the oldest beyond `keep`.
    public func backupNow(at now: Date) throws {
        try DurableFile.createFolder(directory)
        let name = "baocao-\(runtime.home)-\(Int(now.timeIntervalSince1970)).zip"
        try NodeBackup.write(store: runtime.store, files: runtime.files, unit: runtime.home, signedBy: signer, to: directory.appendingPathComponent(name), now: now)
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("baocao-\(runtime.home)-") && $0.hasSuffix(".zip") }.sorted()
        for old in backups.dropLast(keep) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(old))
        }
        logger.info("backup written", metadata: ["file": "\(name)"])
    }
}
