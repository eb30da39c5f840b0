import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import Logging
import ServiceLifecycle

/// Scheduled backups inside `baocao serve` (seeds 000 art. 19.3, 001 art. 12.1), on by
/// default (``BackupPolicy``): a backup is due once the last good one is an interval old
/// (at once on a node that has none), and an attempt that failed is tried again after at
/// most an hour. Each backup is written, signed (``NodeBackup``), then verified as a
/// restore would verify it; only then is it recorded as good (``BackupRecord``) and the
/// oldest beyond `keep` pruned. One that fails verification is deleted and its reason kept,
/// so the node warns (``BackupFreshness``) rather than count it.
///
/// The time comes from `clock`, so the schedule is tested without waiting.
public struct BackupService: Service {
    /// What one attempt came to.
    public enum Outcome: Sendable, Equatable {
        /// Written and verified: the file name.
        case good(String)
        /// Not written, or written and failing verification: why, in Vietnamese.
        case failed(String)
    }

    public let runtime: NodeRuntime
    public let policy: BackupPolicy
    public let directory: URL
    /// The node's signing key: every backup is signed (``NodeBackup``).
    public let signer: SigningIdentity
    /// Who may have signed a backup of this node: the trust in force (``BackupSignerCheck``).
    public let signers: @Sendable () throws -> BackupSignerCheck
    public let clock: @Sendable () -> Date
    /// Seconds between looks at whether a backup is due.
    public let pollInterval: Double
    public let logger: Logger

    public init(runtime: NodeRuntime, policy: BackupPolicy, directory: URL, signer: SigningIdentity,
                signers: (@Sendable () throws -> BackupSignerCheck)? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                pollInterval: Double = 60, logger: Logger = Logger(label: "baocao.backup")) {
        self.runtime = runtime
        self.policy = policy
        self.directory = directory
        self.signer = signer
        self.signers = signers ?? { BackupSignerCheck(try runtime.ingestor().trust) }
        self.clock = clock
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let now = clock()
                _ = try await BlockingWork.run { try backupIfDue(at: now) }
            } catch {
                logger.error("scheduled backup check failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(pollInterval)) }
        }
    }

    /// How long after a failed attempt the next is made.
    public var retryDelay: TimeInterval { min(policy.interval, 3600) }

    /// Whether a backup is due at `now`, by what the store records.
    public func isDue(at now: Date) throws -> Bool {
        let record = try BackupRecord(store: runtime.store)
        if let good = record.lastGoodAt, now < good.addingTimeInterval(policy.interval) { return false }
        if let failure = record.failureSinceLastGood, now < failure.at.addingTimeInterval(retryDelay) { return false }
        return true
    }

    /// Makes a backup if one is due at `now`; `nil` if none was.
    @discardableResult
    public func backupIfDue(at now: Date) throws -> Outcome? {
        guard try isDue(at: now) else { return nil }
        return try backupNow(at: now)
    }

    /// Writes one backup, verifies it, records the outcome and, when good, prunes the oldest beyond `keep`.
    ///
    /// #### Errors
    /// Only when the outcome cannot be recorded in the store.
    @discardableResult
    public func backupNow(at now: Date) throws -> Outcome {
        let name = "baocao-\(runtime.home)-\(Int(now.timeIntervalSince1970)).zip"
        let file = directory.appendingPathComponent(name)
        do {
            try DurableFile.createFolder(directory)
            try NodeBackup.write(store: runtime.store, files: runtime.files, unit: runtime.home, signedBy: signer, to: file, now: now)
        } catch {
            try? FileManager.default.removeItem(at: file)
            let reason = "không ghi được bản sao lưu vào \(directory.path) (\(Self.describe(error)))"
            try BackupRecord.recordFailure(reason, at: now, in: runtime.store)
            logger.error("backup not written", metadata: ["file": "\(file.path)", "error": "\(error)"])
            return .failed(reason)
        }
        do {
            try NodeBackup.verify(file, expectedUnit: runtime.home, signers: try signers())
        } catch {
            try? FileManager.default.removeItem(at: file)
            let reason = "bản sao lưu \(name) không qua được kiểm tra nên đã bị xóa — \(Self.describe(error))"
            try BackupRecord.recordFailure(reason, at: now, in: runtime.store)
            logger.error("backup failed verification", metadata: ["file": "\(name)", "error": "\(error)"])
            return .failed(reason)
        }
        try BackupRecord.recordGood(file: name, at: now, in: runtime.store)
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("baocao-\(runtime.home)-") && $0.hasSuffix(".zip") }
            .sorted { Self.stamp(of: $0) < Self.stamp(of: $1) }
        for old in backups.dropLast(policy.keep) where old != name {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(old))
        }
        logger.info("backup written and verified", metadata: ["file": "\(name)"])
        return .good(name)
    }

    /// The time in a backup's file name, for ordering (names sort wrongly across digit counts).
    static func stamp(of name: String) -> Int {
        Int(name.split(separator: "-").last?.split(separator: ".").first ?? "") ?? 0
    }

    private static func describe(_ error: any Error) -> String {
        if let backup = error as? BackupError { return backup.message }
        if let coded = error as? any CodedError { return coded.message }
        return "\(error)"
    }
}
