import Foundation

/// Where and how packets go to the Government's reporting system.
public struct NationalEndpoint: Sendable, Hashable {
    /// The URL packets are POSTed to, as `application/json`.
    public var url: String
    /// Sent as `Authorization: Bearer …` when set. Never written to logs, errors or receipts.
    public var bearerToken: String?
    /// Attempts per push, the first included. The default is 5.
    public var maxAttempts: Int
    /// The wait before the second attempt; it doubles after each failure. The default is 1 second.
    public var initialBackoff: Duration
    /// The longest wait between attempts. The default is 30 seconds.
    public var maxBackoff: Duration
    /// How long one attempt may take, in seconds. The default is 60.
    public var timeoutSeconds: Int64

    public init(url: String, bearerToken: String? = nil, maxAttempts: Int = 5, initialBackoff: Duration = .seconds(1),
                maxBackoff: Duration = .seconds(30), timeoutSeconds: Int64 = 60) {
        self.url = url
        self.bearerToken = bearerToken
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.timeoutSeconds = timeoutSeconds
    }

    /// The wait after failed attempt `attempt` (1-based): bounded exponential backoff.
    /// Bounded so a long outage does not push retries out for hours; exponential so a
    /// struggling receiver is not hammered.
    public func backoff(after attempt: Int) -> Duration {
        var wait = initialBackoff
        for _ in 1..<max(1, attempt) {
            wait *= 2
            if wait >= maxBackoff { return maxBackoff }
        }
        return min(wait, maxBackoff)
    }
}
