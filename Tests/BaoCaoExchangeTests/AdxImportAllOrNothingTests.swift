import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

/// An ADX file with several groups is stored whole or not at all: a group refused late
/// leaves none of the earlier ones stored.
@Suite("ADX import: several groups, all or nothing")
struct AdxImportAllOrNothingTests {
    let fixture: AdxFixture

    init() throws {
        fixture = try AdxFixture()
    }

    /// November (good) then December, whose second value breaks the form's minimum.
    static let novemberThenBadDecember = AdxTests.adx("""
        <group orgUnit="OU_XM01" period="2026-10-15/P1M" dataSet="DS_KTXH">
          <dataValue dataElement="RICE_AREA" value="10.5"/>
          <dataValue dataElement="POP" SEX="M" value="40"/>
        </group>
        <group orgUnit="OU_XM01" period="2026-11-15/P1M" dataSet="DS_KTXH">
          <dataValue dataElement="RICE_AREA" value="11"/>
          <dataValue dataElement="RICE_OUTPUT" value="-5"/>
        </group>
        """)

    func reportCount() throws -> Int {
        try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM report") ?? 0 }
    }

    func valueCount() throws -> Int {
        try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reportValue") ?? 0 }
    }

    /// Should refuse the whole file naming the second group's wrong cell, and store neither
    /// the first group's figures nor its draft.
    @Test func import_whenTheSecondGroupHasAWrongCell_storesNothingFromTheFirst() throws {
        let error = #expect(throws: CellErrors.self) {
            try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(Self.novemberThenBadDecember, by: fixture.clerk, at: Date())
        }
        let problems = try #require(error).problems
        #expect(problems.map(\.location) == ["nhóm 2, dataValue 2"])
        #expect(problems.first?.key == "NN03")
        #expect(try #require(error).description.hasPrefix("Tệp có 1 ô sai, chưa lưu gì:\n  - nhóm 2, dataValue 2 (NN03): "))
        #expect(try reportCount() == 0)
        #expect(try valueCount() == 0)
        #expect(try fixture.novemberValues().isEmpty)
    }

    /// Keeping the valid cells stores both groups, the wrong cell left out and listed.
    @Test func import_keepingValidCells_storesEveryGroupButTheWrongCell() throws {
        let outcome = try AdxImport(work: fixture.work, mapping: AdxFixture.mapping)
            .apply(Self.novemberThenBadDecember, keepValid: true, by: fixture.clerk, at: Date())
        #expect(outcome.groups.map(\.period.id) == ["2026-11", "2026-12"])
        #expect(outcome.groups.map(\.outcome.stored) == [2, 1])
        #expect(outcome.groups[1].outcome.skipped.map(\.location) == ["nhóm 2, dataValue 2"])
        #expect(try fixture.novemberValues() == [ValueKey("NN02"): "10.5", ValueKey("DS01", breakdown: ["GT": "NAM"]): "40"])
    }

    /// Should refuse the whole file, before storing the first group, when the second
    /// group's report was already submitted and takes no more figures.
    @Test func import_whenTheSecondGroupsReportIsSubmitted_storesNothingFromTheFirst() throws {
        // Given: December submitted to the leader.
        let reports = ReportService(work: fixture.work)
        let december = try reports.create(regime: "KTXH-THANG", period: "2026-12", by: fixture.clerk, at: Date())
        try reports.setValues(report: december.id!, [("NN02", "12")], by: fixture.clerk, at: Date())
        for section in ["NN", "DS"] {
            try reports.approveSection(report: december.id!, section: section, by: fixture.node.leader, at: Date())
        }
        try reports.submit(report: december.id!, by: fixture.clerk, at: Date())
        let valuesBefore = try valueCount()
        // When: a file with good figures for November and December.
        let file = AdxTests.adx("""
            <group orgUnit="OU_XM01" period="2026-10-15/P1M" dataSet="DS_KTXH"><dataValue dataElement="RICE_AREA" value="10.5"/></group>
            <group orgUnit="OU_XM01" period="2026-11-15/P1M" dataSet="DS_KTXH"><dataValue dataElement="RICE_AREA" value="11"/></group>
            """)
        let error = #expect(throws: ExchangeError.self) {
            try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(file, by: fixture.clerk, at: Date())
        }
        // Then: refused naming the group, and November has no draft at all.
        #expect(error?.code == .invalidCells)
        #expect(error?.message == "Nhóm 2: báo cáo KTXH-THANG kỳ 2026-12 lần 1 đang ở trạng thái \"\(ReportState.submitted.displayName)\", "
            + "không còn nhận số liệu nhập từ tệp; chưa lưu nhóm nào.")
        #expect(try reports.latest(regime: "KTXH-THANG", period: "2026-11") == nil)
        #expect(try valueCount() == valuesBefore)
    }

    /// Should refuse the whole file, storing neither group, when the second group is
    /// refused only as it is written: its figures fall in a form section given to a unit
    /// section the clerk does not work in — a rule the report service applies as it writes.
    /// (Groups were once written one transaction each, and the first stayed stored.)
    @Test func import_whenTheSecondGroupIsRefusedAsItIsWritten_storesNothingFromTheFirst() throws {
        // Given: the form's section DS belongs to a unit section without the clerk.
        try SectionService(store: fixture.store).addSection(code: "DS", name: "Dân số", by: fixture.node.admin, at: Date())
        let file = AdxTests.adx("""
            <group orgUnit="OU_XM01" period="2026-10-15/P1M" dataSet="DS_KTXH"><dataValue dataElement="RICE_AREA" value="10.5"/></group>
            <group orgUnit="OU_XM01" period="2026-11-15/P1M" dataSet="DS_KTXH"><dataValue dataElement="POP" SEX="M" value="40"/></group>
            """)
        // When
        let error = #expect(throws: ExchangeError.self) {
            try AdxImport(work: fixture.work, mapping: AdxFixture.mapping).apply(file, by: fixture.clerk, at: Date())
        }
        // Then: refused naming the group and the section; no draft, no figure stored.
        #expect(error?.message.hasPrefix("Nhóm 2: ") == true, "\(String(describing: error?.message))")
        #expect(error?.message.contains("không có quyền nhập số liệu phần") == true)
        #expect(error?.message.hasSuffix("Chưa lưu nhóm nào.") == true)
        #expect(try reportCount() == 0)
        #expect(try valueCount() == 0)
    }
}
