import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// The statistics the Sở Nội vụ reports (seed 003 art. 5.2c, 16) travel as an ordinary
/// report: computed from the roster on the regime's reference date, they fill the unit's
/// draft of the yearly regime `CBCCVC-TK` of the sample catalogs, which is then approved,
/// signed, sent and consolidated like any report. Only these aggregates travel.
@Suite("Personnel statistics as a report")
struct PersonnelStatisticsReportTests {
    @Test func theYearsStatistics_fillTheUnitsDraftOfTheRegime_withTheRostersCounts() throws {
        let reporting = try SampleCatalogs.reporting()
        let personnel = SampleCatalogs.personnel
        let topology = try Topology(units: [
            ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
            ReportingUnit(code: "17-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "17"),
            ReportingUnit(code: "157", name: "Huyện Lạc Sơn", kind: .district, parentCode: "17"),
            ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "157"),
        ])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("personnel-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try NodeStore.inMemory()
        let now = try Date("2027-01-05T03:00:00Z", strategy: .iso8601)
        _ = try store.initialize(homeUnit: "05290", topology: topology, catalog: reporting, at: now)
        let work = NodeWork(runtime: NodeRuntime(store: store, files: BundleFiles(dataDirectory: directory.path), home: "05290", bootstrap: nil,
                                                 clockTolerance: 86_400), identity: nil)
        let service = PersonnelService(work: work, catalog: personnel)
        try service.generateSynthetic(count: 40, seed: 19, by: .node, at: now)
        let aggregator = StaffMember(userId: 0, login: "tonghop", displayName: "Cán bộ tổng hợp", roles: [.aggregator])

        let table = try service.statistics(on: "2026-12-31", by: aggregator, at: now)
        let filled = try service.draftStatisticsReport(period: try Period(parsing: "2026"), by: aggregator, at: now)

        #expect(filled.report.regimeCode == "CBCCVC-TK" && filled.report.period == "2026" && filled.report.unitCode == "05290" && filled.report.state == .draft)
        let values = try store.writer.read { db in try NodeStore.values(ofReport: filled.report.id!, in: db) }
        #expect(table.headcount > 0 && values[ValueKey("NS.TONG")]?.text == "\(table.headcount)")
        // Every indicator of the form carries the count the roster gives, and nothing else travels.
        #expect(values.count == table.values.count)
        for (code, count) in table.values { #expect(values[ValueKey(code)]?.number == count, "\(code)") }
        let women = try #require(values[ValueKey("NS.NU")]?.number)
        #expect(women > .zero && women < (values[ValueKey("NS.TONG")]?.number ?? .zero))
    }
}
