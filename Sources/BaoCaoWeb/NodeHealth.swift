import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation

/// What `/healthz` says of a node: `ok`, or `degraded` when a neighbour has answered some
/// bundle in a way this node does not understand for more than a day
/// (``NodeRuntime/unsettledLimit``) — the bundle is still queued and offered again, but
/// someone must look, and the raw answers are listed for them — or when the province
/// release in force is past its expiry (``ExpiredRelease``), or when the last good backup
/// is older than the configuration allows, or backups are off (``BackupFreshness``),
/// with the reason in Vietnamese.
struct NodeHealth: Codable, Sendable {
    /// The province release in force, past its expiry.
    struct ReleaseExpired: Codable, Sendable {
        var version: Int
        var expiresAt: Date
        var reason: String
    }

    /// The node's backups, where they are judged (a served node).
    struct Backup: Codable, Sendable {
        /// When the last good (written and verified) backup was made.
        var lastGood: Date?
        var maximumAgeHours: Int
        /// Whether the last good backup is older than allowed, or backups are off.
        var overdue: Bool
        /// Why, in Vietnamese, while overdue.
        var reason: String?
    }

    struct Unsettled: Codable, Sendable {
        var bundle: String
        var destination: UnitCode
        var since: Date
        var attempts: Int
        /// The neighbour's last answer, as it came.
        var answer: String
    }

    var status: String
    var unit: UnitCode
    var schemaVersion: Int
    var pendingUp: Int
    var pendingDown: Int
    var lastSync: String?
    var unsettled: [Unsettled]
    /// Present only while the release in force is expired.
    var releaseExpired: ReleaseExpired?
    var backup: Backup?

    init(runtime: NodeRuntime, now: Date) throws {
        let pending = try runtime.store.pendingCounts()
        let unsettled = try runtime.longUnsettledBundles(at: now)
        let expired = try runtime.expiredRelease(at: now)
        let backups = try runtime.backupFreshness(at: now)
        status = unsettled.isEmpty && expired == nil && backups?.isOverdue != true ? "ok" : "degraded"
        backup = backups.map {
            Backup(lastGood: $0.record.lastGoodAt, maximumAgeHours: BackupPolicy.hours($0.policy.maximumAge), overdue: $0.isOverdue, reason: $0.warning)
        }
        releaseExpired = expired.map { ReleaseExpired(version: $0.version, expiresAt: $0.expiresAt, reason: $0.message) }
        unit = runtime.home
        schemaVersion = try runtime.store.schemaVersion()
        pendingUp = pending.up
        pendingDown = pending.down
        lastSync = try runtime.store.value(of: .lastSync)
        self.unsettled = unsettled.map {
            Unsettled(bundle: $0.bundleId, destination: $0.destination, since: $0.unsettledSince ?? now, attempts: $0.attempts, answer: $0.lastAnswer)
        }
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}
