import BaoCaoCore
import BaoCaoExchange
import BaoCaoServices
import BaoCaoStore
import Foundation
import GRDB
import Testing

@Suite("Import into a draft: every cell checked, nothing stored on error")
struct DraftImportTests {
    let fixture: ExchangeFixture

    init() throws {
        fixture = try ExchangeFixture()
    }

    func storedValueCount() throws -> Int {
        try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reportValue") ?? 0 }
    }

    @Test func wrongCells_areEachNamed_andNothingIsStored() throws {
        let cells = [
            ImportCell(location: "ô C2", key: "NN02", text: "1.245,5"),
            ImportCell(location: "ô C3", key: "NN03", text: "mười"),        // wrong type
            ImportCell(location: "ô C4", key: "NN03", text: "12"),          // the same row twice
            ImportCell(location: "ô C5", key: "XX99", text: "1"),           // unknown code
            ImportCell(location: "ô C6", key: "LD02", text: "12,5"),        // an integer with decimals
            ImportCell(location: "ô C7", key: "NN04", text: "55"),          // a computed figure
        ]
        let error = #expect(throws: CellErrors.self) {
            try DraftImport(work: fixture.work).apply(cells, regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk, at: Date())
        }
        let problems = try #require(error).problems
        #expect(problems.map(\.location) == ["ô C3", "ô C4", "ô C5", "ô C6", "ô C7"])
        #expect(problems[0].message.contains("không phải là một số"))
        #expect(problems[1].message.contains("đã có ở ô C3"))
        #expect(problems[2].message.contains("không có trên biểu mẫu"))
        #expect(problems[3].message.contains("số nguyên"))
        #expect(problems[4].message.contains("tự tính"))
        #expect(try storedValueCount() == 0)
        #expect(try fixture.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM report") } == 0)
    }

    @Test func outOfRangeValue_isRefused() throws {
        let error = #expect(throws: CellErrors.self) {
            try DraftImport(work: fixture.work).apply([ImportCell(location: "dòng 2", key: "NN03", text: "-5")],
                                                      regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk, at: Date())
        }
        #expect(error?.problems.first?.message.contains("không được nhỏ hơn") == true)
        #expect(try storedValueCount() == 0)
    }

    @Test func keepValid_storesTheGoodCells_andListsTheOthers() throws {
        let outcome = try DraftImport(work: fixture.work).apply([
            ImportCell(location: "dòng 2", key: "NN02", text: "1.245,5"),
            ImportCell(location: "dòng 3", key: "NN03", text: "abc"),
            ImportCell(location: "dòng 4", key: "GC01", text: "Mưa nhiều"),
        ], regime: "KTXH-THANG", period: "2026-11", keepValid: true, by: fixture.clerk, at: Date())
        #expect(outcome.stored == 2)
        #expect(outcome.skipped.map(\.location) == ["dòng 3"])
        #expect(outcome.report.state == .draft)
        let stored = try fixture.store.writer.read { try String.fetchOne($0, sql: "SELECT value FROM reportValue WHERE key = 'NN02'") }
        #expect(stored == "1245.5")
    }

    @Test func aSubmittedReport_takesNoImport() throws {
        let reports = ReportService(work: fixture.work)
        _ = try DraftImport(work: fixture.work).apply([ImportCell(location: "dòng 2", key: "NN02", text: "10")],
                                                      regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk, at: Date())
        let draft = try #require(try reports.latest(regime: "KTXH-THANG", period: "2026-11"))
        for section in ["NN", "LD"] { try reports.approveSection(report: draft.id!, section: section, by: fixture.leader, at: Date()) }
        try reports.submit(report: draft.id!, by: fixture.clerk, at: Date())
        let refusal = #expect(throws: ExchangeError.self) {
            try DraftImport(work: fixture.work).apply([ImportCell(location: "dòng 2", key: "NN02", text: "11")],
                                                      regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk, at: Date())
        }
        #expect(refusal?.code == .invalidCells)
        #expect(refusal?.message == "Báo cáo KTXH-THANG kỳ 2026-11 lần 1 đang ở trạng thái \"\(ReportState.submitted.displayName)\", "
            + "không còn nhận số liệu nhập từ tệp.")
        #expect(try fixture.store.writer.read { try String.fetchOne($0, sql: "SELECT value FROM reportValue WHERE key = 'NN02'") } == "10")
    }

    /// A file into a new draft is checked cell by cell once, and the draft as a whole
    /// after: what the draft still lacks is what the full check of the stored figures
    /// finds. A second file into the same draft lays its figures over the first's.
    @Test func importIntoANewDraft_saysWhatTheDraftStillLacks_asTheFullCheckDoes() throws {
        let importer = DraftImport(work: fixture.work)
        let first = try importer.apply([ImportCell(location: "dòng 2", key: "NN03", text: "6613,8")],
                                       regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk, at: Date())
        let catalog = try fixture.store.catalog()
        let form = try #require(catalog.form(code: first.report.formCode))
        func fullCheck() throws -> [String] {
            let values = try fixture.store.writer.read { try NodeStore.values(ofReport: first.report.id!, in: $0) }
            return catalog.validate(values, on: form, reporter: .commune).map(\.description).sorted()
        }
        var full = try fullCheck()
        #expect(!full.isEmpty)
        #expect(first.remaining.map(\.description).sorted() == full)

        let second = try importer.apply([ImportCell(location: "dòng 2", key: "NN02", text: "1.245,5")],
                                        regime: "KTXH-THANG", period: "2026-11", by: fixture.clerk, at: Date())
        #expect(second.report.id == first.report.id)
        #expect(try storedValueCount() == 2)
        full = try fullCheck()
        #expect(second.remaining.map(\.description).sorted() == full)
    }
}
