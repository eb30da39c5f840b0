import BaoCaoCore
import Foundation
import GRDB

/// An indicator on a unit's own dashboard (002 art. 10.1e; 000 art. 13.4): which regime's
/// figures, which indicator, drawn how, in which place on the home page. A row of
/// `dashboardItem`, kept per unit; who chose it and when.
public struct DashboardItemRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "dashboardItem"

    public var id: Int64?
    public var unitCode: UnitCode
    /// From 1, the order on the home page.
    public var position: Int
    public var regimeCode: RegimeCode
    public var indicatorCode: String
    public var chart: DashboardChart
    public var addedBy: String
    public var addedAt: Date

    public init(unitCode: UnitCode, position: Int, regimeCode: RegimeCode, indicatorCode: String, chart: DashboardChart,
                addedBy: String, addedAt: Date) {
        self.unitCode = unitCode
        self.position = position
        self.regimeCode = regimeCode
        self.indicatorCode = indicatorCode
        self.chart = chart
        self.addedBy = addedBy
        self.addedAt = addedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
