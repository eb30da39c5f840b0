import BaoCaoCore
import Foundation

/// How far a child's clock was from this node's when its request came: seconds ahead
/// (negative: behind), measured at `measuredAt`.
public struct ClockReading: Sendable, Hashable {
    public let unit: UnitCode
    public let seconds: Int
    public let measuredAt: Date

    public init(unit: UnitCode, seconds: Int, measuredAt: Date) {
        self.unit = unit
        self.seconds = seconds
        self.measuredAt = measuredAt
    }
}
