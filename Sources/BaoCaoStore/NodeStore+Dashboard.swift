import BaoCaoCore
import Foundation
import GRDB

/// A unit's own dashboard: the indicators and charts its staff chose for the home page.
extension NodeStore {
    /// The unit's dashboard, in its order.
    public static func dashboard(of unit: UnitCode, in db: Database) throws -> [DashboardItemRecord] {
        try DashboardItemRecord.filter(Column("unitCode") == unit).order(Column("position"), Column("id")).fetchAll(db)
    }

    /// Adds an item at the end of the unit's dashboard; the same regime, indicator and chart
    /// already there is kept as it is and returned.
    public static func addDashboardItem(unit: UnitCode, regime: RegimeCode, indicator: String, chart: DashboardChart, by login: String,
                                        at now: Date, in db: Database) throws -> (item: DashboardItemRecord, added: Bool) {
        let items = try dashboard(of: unit, in: db)
        if let existing = items.first(where: { $0.regimeCode == regime && $0.indicatorCode == indicator && $0.chart == chart }) {
            return (existing, false)
        }
        var item = DashboardItemRecord(unitCode: unit, position: (items.map(\.position).max() ?? 0) + 1, regimeCode: regime,
                                       indicatorCode: indicator, chart: chart, addedBy: login, addedAt: now)
        try item.insert(db)
        return (item, true)
    }

    /// Removes one item of the unit's dashboard; the removed item, or nil when the unit has none by that id.
    public static func removeDashboardItem(_ id: Int64, of unit: UnitCode, in db: Database) throws -> DashboardItemRecord? {
        guard let item = try DashboardItemRecord.filter(Column("id") == id && Column("unitCode") == unit).fetchOne(db) else { return nil }
        _ = try item.delete(db)
        return item
    }
}
