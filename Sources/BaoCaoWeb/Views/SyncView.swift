/// The link with the parent (`sync.mustache`): last contact, what waits, what the
/// neighbour has not taken yet.
struct SyncView: PageView {
    static let template = "sync"

    /// A bundle the neighbour answered without taking it, offered again later.
    struct Postponed: TemplateFields {
        let shortId: String
        let destination: String
        let attempts: Int
        let retryAt: String
        let answer: String
        /// Not understood for more than a day (``NodeRuntime/unsettledLimit``).
        let overdue: Bool
        let unrecognizedSince: String?
    }

    /// An item of the parent's feed this node refused and passed over.
    struct Refused: TemplateFields {
        let shortId: String
        let sender: String
        let size: String
        let refusedAt: String
        let reason: String
    }

    /// The sentence saying the province release in force has expired, while it has.
    let expiredRelease: String?
    /// The sentence saying the last good backup is older than allowed, while it is (``BackupFreshness``).
    let backupWarning: String?
    /// The last good backup, where backups are judged.
    let lastGoodBackup: String?
    let csrf: String
    let parent: String
    let lastSync: String
    let pendingUp: Int
    let pendingDown: Int
    let mayAct: Bool
    let hasPostponed: Bool
    let degraded: Bool
    let postponed: [Postponed]
    /// How many items of the parent's feed were refused in all, and the latest.
    let refusedTotal: Int
    let hasRefused: Bool
    let refused: [Refused]

    /// A unit below this node and the version of the program it was last seen running.
    struct UnitVersion: TemplateFields {
        let code: String
        let name: String
        let version: String
        let seenAt: String
        /// Older than the newest update (or never seen).
        let lagging: Bool
    }

    /// The version of the program this node runs.
    let softwareRunning: String
    /// The update taken here and not installed yet: its version, package and notes.
    let softwareWaiting: String?
    let softwareNotes: String?
    /// For admins: every unit below and its version (the province sees which lag).
    let hasUnitVersions: Bool
    let unitVersions: [UnitVersion]
}
