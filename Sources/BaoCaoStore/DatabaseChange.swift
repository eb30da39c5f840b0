import GRDB

/// A change made in the caller's transaction — what a bundle taken in changes besides
/// itself — which may be handed to the thread that holds the database's writer
/// (``BatchRecording``).
public typealias DatabaseChange = @Sendable (Database) throws -> Void
