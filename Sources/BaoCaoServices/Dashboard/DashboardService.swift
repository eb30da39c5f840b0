import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// A unit's own dashboard (002 art. 10.1e: "tạo giao diện số (Dashboard) hiển thị thông
/// tin các chỉ tiêu của đơn vị"; 000 art. 13.4): its staff choose indicators of the
/// regimes the unit reports and how each is drawn; the home page shows them, from the
/// unit's own reports. Kept per unit in the node's store; every change is audited.
public struct DashboardService: Sendable {
    /// One chosen indicator with its figures over the unit's recent periods.
    public struct Series: Sendable {
        public let item: DashboardItemRecord
        public let regimeName: String
        public let indicatorName: String
        public let unitOfMeasure: String
        /// The unit's own figure for each of its recent periods (the latest revision's), oldest first.
        public let points: [(period: Period, value: ExactDecimal?)]
    }

    /// How many of the unit's periods a chart shows.
    public static let periods = 6

    public let work: NodeWork

    public init(work: NodeWork) { self.work = work }

    /// The unit's dashboard, in order.
    public func items(by actor: StaffMember) throws -> [DashboardItemRecord] {
        try require(actor, .read, "xem bảng điều khiển của đơn vị")
        return try work.store.writer.read { db in try NodeStore.dashboard(of: work.home, in: db) }
    }

    /// Adds an indicator of a regime's form, drawn as `chart`; one already there is kept once.
    @discardableResult
    public func add(regime code: RegimeCode, indicator rawIndicator: String, chart: DashboardChart, by actor: StaffMember,
                    at now: Date) throws -> DashboardItemRecord {
        try require(actor, .arrangeDashboard, "chọn chỉ tiêu cho bảng điều khiển của đơn vị")
        let catalog = try work.catalog()
        let indicatorCode = rawIndicator.trimmingCharacters(in: .whitespaces)
        guard let regime = catalog.regime(code: code) else {
            throw ServiceError(.notFound, message: "Không có chế độ báo cáo \(code) trong danh mục.", log: "dashboard: no regime \(code)")
        }
        guard let form = catalog.form(code: regime.form), form.indicatorCodes.contains(indicatorCode),
              let indicator = catalog.indicator(code: indicatorCode) else {
            throw ServiceError(.invalidInput, message: "Chỉ tiêu \"\(indicatorCode)\" không có trên biểu mẫu của chế độ \(regime.name).",
                               log: "dashboard: \(indicatorCode) not on \(regime.form)")
        }
        guard indicator.valueType.isNumeric else {
            throw ServiceError(.invalidInput, message: "Chỉ tiêu \(indicatorCode) \(indicator.name) không phải số liệu nên không vẽ được biểu đồ.",
                               log: "dashboard: \(indicatorCode) not numeric")
        }
        return try work.store.writer.write { db in
            let (item, added) = try NodeStore.addDashboardItem(unit: work.home, regime: code, indicator: indicatorCode, chart: chart,
                                                               by: actor.login, at: now, in: db)
            if added {
                try AuditLog.append(db, actor: actor.login, action: .dashboardAdd, object: "dashboard:\(work.home)",
                                    detail: "\(code) \(indicatorCode) \(chart.rawValue)", at: now)
            }
            return item
        }
    }

    /// Removes one item of the unit's dashboard.
    public func remove(_ id: Int64, by actor: StaffMember, at now: Date) throws {
        try require(actor, .arrangeDashboard, "bỏ chỉ tiêu khỏi bảng điều khiển của đơn vị")
        try work.store.writer.write { db in
            guard let item = try NodeStore.removeDashboardItem(id, of: work.home, in: db) else {
                throw ServiceError(.notFound, message: "Bảng điều khiển của đơn vị không có mục số \(id).", log: "dashboard: no item \(id)")
            }
            try AuditLog.append(db, actor: actor.login, action: .dashboardRemove, object: "dashboard:\(work.home)",
                                detail: "\(item.regimeCode) \(item.indicatorCode) \(item.chart.rawValue)", at: now)
        }
    }

    /// Every item with the unit's own figures over its last ``periods`` periods of the
    /// regime: the latest revision of each period, whatever its state (a draft's figures
    /// too: the dashboard is the unit's own working view).
    public func series(by actor: StaffMember) throws -> [Series] {
        try require(actor, .read, "xem bảng điều khiển của đơn vị")
        let catalog = try work.catalog()
        return try work.store.writer.read { db in
            try NodeStore.dashboard(of: work.home, in: db).map { item in
                let reports = try ReportRecord.filter(ReportRecord.Columns.unitCode == work.home && ReportRecord.Columns.regimeCode == item.regimeCode)
                    .fetchAll(db)
                let latest = Dictionary(grouping: reports, by: \.period).compactMapValues { $0.max { $0.revision < $1.revision } }
                let periods = latest.keys.sorted().suffix(Self.periods)
                let points = try periods.map { period -> (period: Period, value: ExactDecimal?) in
                    let values = try latest[period]?.id.map { try NodeStore.values(ofReport: $0, in: db) } ?? [:]
                    return (period, values[ValueKey(item.indicatorCode)]?.number)
                }
                let indicator = catalog.indicator(code: item.indicatorCode)
                return Series(item: item, regimeName: catalog.regime(code: item.regimeCode)?.name ?? item.regimeCode.rawValue,
                              indicatorName: indicator?.name ?? item.indicatorCode, unitOfMeasure: indicator?.unitOfMeasure ?? "",
                              points: Array(points))
            }
        }
    }
}
