import Foundation

/// Named places where crash tests kill the node (`kill -9` of itself), to prove that
/// nothing acknowledged is lost and nothing is applied twice, wherever power fails.
///
/// Inert unless the environment variable `BAOCAO_CRASH_AT` names the point; only the
/// crash tests set it.
public struct CrashPoint: Sendable, Hashable {
    public let name: String

    /// Upload bytes written to the file, not yet flushed.
    public static let uploadWrittenNotFlushed = CrashPoint(name: "upload-written-not-flushed")
    /// Upload bytes flushed, offset not yet recorded.
    public static let uploadFlushedNotRecorded = CrashPoint(name: "upload-flushed-not-recorded")
    /// A bundle committed, the reply not yet sent.
    public static let ingestCommittedNotAnswered = CrashPoint(name: "ingest-committed-not-answered")
    /// Relaying upward: the parent took the batch, this node has not yet recorded it.
    public static let relaySentNotAcknowledged = CrashPoint(name: "relay-sent-not-acknowledged")

    private static let armed = ProcessInfo.processInfo.environment["BAOCAO_CRASH_AT"]

    /// Dies here, at once and without cleanup, if this point is armed.
    public func reach() {
        guard let armed = Self.armed, armed == name else { return }
        kill(getpid(), SIGKILL)
    }
}
