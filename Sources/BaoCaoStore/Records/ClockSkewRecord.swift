import BaoCaoCore
import Foundation
import GRDB

/// A child's clock against this node's, as last measured at a sync: a row of `clockSkew`.
public struct ClockSkewRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "clockSkew"

    public var unitCode: UnitCode
    public var measuredAt: Date
    /// Seconds the child is ahead (negative: behind).
    public var seconds: Int

    public init(unitCode: UnitCode, measuredAt: Date, seconds: Int) {
        self.unitCode = unitCode
        self.measuredAt = measuredAt
        self.seconds = seconds
    }
}
