import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// The values of the statistics regime (art. 5.2c, 16) on a reference date, computed from
/// the state spans of every record this node may read: aggregates only, no record.
public struct PersonnelStatisticsTable: Sendable, Hashable, Encodable {
    public let date: CivilDate
    public let regime: RegimeCode
    /// The personnel catalog's version the table was computed with.
    public let catalogVersion: String
    /// How many people were on the rosters counted.
    public let headcount: Int
    public let values: [String: ExactDecimal]
}

extension PersonnelService {
    /// The statistics on `date`: one indexed query over the state spans, then the
    /// catalog's indicator filters (``PersonnelStatistics``). For someone granted reading
    /// records, or the aggregator who drafts the report; audited (the date, no record).
    public func statistics(on date: CivilDate, by actor: StaffMember, at now: Date) throws -> PersonnelStatisticsTable {
        let catalog = try catalog()
        let statistics = try PersonnelStatistics(catalog: catalog)
        let facts = try store.writer.write { db in
            if !actor.roles.contains(.aggregator) { try requireGrant(.read, actor, "lập thống kê cán bộ", in: db) }
            let facts = try NodeStore.personnelSpans(on: date, holders: try readableHolders(in: db, catalog: catalog), in: db).map(\.headcountFacts)
            try AuditLog.append(db, actor: actor, action: .personnelStatistics, object: statistics.definition.regime.rawValue,
                                detail: "ngày \(date.personnelDisplayText); \(facts.count) hồ sơ", at: now)
            return facts
        }
        return PersonnelStatisticsTable(date: date, regime: statistics.definition.regime, catalogVersion: catalog.version,
                                        headcount: facts.filter(\.status.isOnRoster).count, values: statistics.values(for: facts, on: date))
    }

    /// The statistics of `period` (on the regime's reference date for it) put into this
    /// unit's draft report of the statistics regime, through the report service: it is
    /// then approved, signed, sent and consolidated like any report.
    public func draftStatisticsReport(period: Period, by actor: StaffMember, at now: Date) throws -> ReportService.FilledDraft {
        let catalog = try catalog()
        guard let definition = catalog.statistics else {
            throw ServiceError(.notFound, message: "Danh mục hồ sơ cán bộ đang dùng chưa có phần thống kê (statistics).", log: "no personnel statistics")
        }
        guard let regime = try work.catalog().regimes.first(where: { $0.code == definition.regime }) else {
            throw ServiceError(.notFound, message: "Chế độ báo cáo \(definition.regime) chưa có trong danh mục đang dùng.", log: "no statistics regime")
        }
        let table = try statistics(on: PersonnelStatisticsDefinition.referenceDate(for: period, regime: regime), by: actor, at: now)
        let values = Dictionary(uniqueKeysWithValues: table.values.map { (ValueKey($0.key), ReportValue($0.value)) })
        do {
            guard let filled = try ReportService(work: work).fillDrafts([.init(regime: definition.regime, period: period, values: values)],
                                                                      by: actor, at: now).first else {
                throw ServiceError(.notFound, message: "Không lập được báo cáo thống kê.", log: "no draft filled")
            }
            return filled
        } catch let error as DraftsNotFilled {
            throw error.error
        }
    }
}

extension PersonnelSpanRow {
    /// What the statistics count of the person over this span.
    var headcountFacts: PersonnelHeadcountFacts {
        PersonnelHeadcountFacts(status: status, kind: kind, sex: sex, birthDate: birthDate, ethnicity: ethnicity, rank: rank,
                                trainingLevels: trainingLevels.isEmpty ? [] : trainingLevels.split(separator: ",").map(String.init))
    }
}
