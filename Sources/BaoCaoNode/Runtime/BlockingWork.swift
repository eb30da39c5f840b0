import NIOPosix

/// Work that blocks a thread — a database transaction, a file flush, bcrypt — run on
/// SwiftNIO's shared thread pool, so async callers never hold a thread of Swift's
/// cooperative pool (two on a two-core node) while SQLite waits for the disk.
public enum BlockingWork {
    /// Runs `work` on the pool and returns its result.
    ///
    /// #### Errors
    /// Whatever `work` throws, or `NIOThreadPoolError.ThreadPoolInactive` if the pool was
    /// shut down (never, for the shared pool).
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
