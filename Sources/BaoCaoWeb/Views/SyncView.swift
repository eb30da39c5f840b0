/// The link with the parent (`sync.mustache`): last contact, what waits, what the
/// neighbour has not taken yet.
struct SyncView: PageView {
    static let template = "sync"

    /// A bundle the neighbour answered without taking it, offered again later.
    struct Postponed {
        let shortId: String
        let destination: String
        let attempts: Int
        let retryAt: String
        let answer: String
        /// Not understood for more than a day (``NodeRuntime/unsettledLimit``).
        let overdue: Bool
        let unrecognizedSince: String?
    }

    let csrf: String
    let parent: String
    let lastSync: String
    let pendingUp: Int
    let pendingDown: Int
    let mayAct: Bool
    let hasPostponed: Bool
    let degraded: Bool
    let postponed: [Postponed]
}
