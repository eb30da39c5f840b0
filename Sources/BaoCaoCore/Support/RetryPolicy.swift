import Foundation

/// Exponential backoff with jitter: after the n-th failure in a row, wait a random time
/// between half and all of `base × 2ⁿ`, at most `maximum`. Communes sit on 3G links that
/// come and go; jitter keeps a district's communes from all retrying in the same second.
public struct RetryPolicy: Sendable, Hashable {
    /// The first delay, in seconds. The default is 2.
    public var base: Double
    /// The longest delay, in seconds. The default is 600 (ten minutes).
    public var maximum: Double

    public init(base: Double = 2, maximum: Double = 600) {
        self.base = base
        self.maximum = maximum
    }

    /// The delay before the next attempt after `failures` failures in a row (from 1);
    /// `random` is a number in 0…1, injected so tests can pin it.
    public func delay(afterFailures failures: Int, random: Double) -> Double {
        let exponent = min(max(failures - 1, 0), 30)
        let ceiling = min(maximum, base * pow(2, Double(exponent)))
        return ceiling * (0.5 + 0.5 * min(max(random, 0), 1))
    }
}
