import Foundation
import Synchronization

/// How many sign-in attempts each client address may make: a token bucket per address,
/// `attempts` of them, refilled evenly over `period` (10 a minute by default). Memory is
/// bounded: beyond `maximumAddresses` the addresses whose bucket has refilled (as good as
/// forgotten) go first, then the longest quiet.
public final class SignInThrottle: Sendable {
    public let attempts: Int
    public let period: TimeInterval
    public let maximumAddresses: Int

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    /// The period as people read it: "một phút", "10 phút".
    public var periodText: String {
        let minutes = max(1, Int((period / 60).rounded(.up)))
        return minutes == 1 ? "một phút" : "\(minutes) phút"
    }

    public init(attempts: Int = 10, per period: TimeInterval = 60, maximumAddresses: Int = 10_000) {
        self.attempts = max(1, attempts)
        self.period = max(1, period)
        self.maximumAddresses = max(1, maximumAddresses)
    }

    /// Takes one attempt for `address` at `now`; false when its bucket is empty (the
    /// attempt is refused and not counted).
    public func allow(_ address: String, at now: Date) -> Bool {
        buckets.withLock { buckets in
            let rate = Double(attempts) / period
            var bucket = buckets[address] ?? Bucket(tokens: Double(attempts), updated: now)
            bucket.tokens = min(Double(attempts), bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * rate)
            bucket.updated = max(bucket.updated, now)
            guard bucket.tokens >= 1 else {
                buckets[address] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[address] = bucket
            if buckets.count > maximumAddresses { evict(&buckets, at: now) }
            return true
        }
    }

    /// How many addresses are remembered.
    public var addressCount: Int { buckets.withLock { $0.count } }

    private func evict(_ buckets: inout [String: Bucket], at now: Date) {
        // A bucket that has refilled by now is the same as none.
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < period }
        guard buckets.count > maximumAddresses else { return }
        let keep = maximumAddresses * 3 / 4
        let quietest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(buckets.count - keep).map(\.key)
        for address in quietest { buckets[address] = nil }
    }
}
