import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// A report's figures go to the database many rows to a statement; every count of figures
/// — one, a statement's worth, one more, a commune's 200, an import's thousands — comes
/// back exactly, and a later change replaces figures instead of adding to them.
@Suite("Value rows")
struct ValueRowWriterTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000)

    static func figures(_ count: Int, offset: Int = 0) -> [(ValueKey, ReportValue)] {
        (0..<count).map { index in
            (ValueKey(String(format: "CT%04d", index)), ReportValue(ExactDecimal(significand: Int128(index * 37 + offset), scale: 1)))
        }
    }

    /// A draft to hold figures (the value rows' foreign key).
    static func draft(in db: Database) throws -> ReportRecord {
        var report = ReportRecord(regimeCode: "KTXH-THANG", period: "2026-11", unitCode: "04792", revision: 1, state: .draft,
                                  formCode: "KTXH", formVersion: 1, releaseVersion: nil, at: day)
        try report.insert(db)
        return report
    }

    /// `figures` added to a new draft, and the draft's figures as read back.
    static func storeAndReadBack(_ figures: [(ValueKey, ReportValue)], in store: NodeStore) throws -> [ValueKey: ReportValue] {
        try store.writer.write { db in
            let report = try draft(in: db)
            try NodeStore.addValues(figures.map(\.0), figures.map(\.1), toReport: report.id!, in: db)
            return try NodeStore.values(ofReport: report.id!, in: db)
        }
    }

    @Test(arguments: [1, 2, 3, 7, 72, 127, 128, 129, 200, 255, 256, 1_000])
    func everyFigure_isStoredOnce_andReadBack(count: Int) throws {
        let store = try NodeStore.inMemory()
        let figures = Self.figures(count)
        let stored = try Self.storeAndReadBack(figures, in: store)
        #expect(stored == Dictionary(uniqueKeysWithValues: figures))
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reportValue") } == count)
    }

    @Test func changedFigures_replaceTheStoredOnes() throws {
        let store = try NodeStore.inMemory()
        let first = Self.figures(200), second = Self.figures(201, offset: 5)
        let stored = try store.writer.write { db in
            let report = try Self.draft(in: db)
            try NodeStore.addValues(first.map(\.0), first.map(\.1), toReport: report.id!, in: db)
            try NodeStore.setValues(Dictionary(uniqueKeysWithValues: second.map { ($0.0, Optional($0.1)) }), ofReport: report.id!, in: db)
            return try NodeStore.values(ofReport: report.id!, in: db)
        }
        #expect(stored == Dictionary(uniqueKeysWithValues: second))
    }

    /// Text figures keep every character, whatever its length in bytes, and an empty text
    /// stays an empty text, not nothing.
    @Test func textFigures_keepEveryCharacter() throws {
        let store = try NodeStore.inMemory()
        let figures: [(ValueKey, ReportValue)] = [
            (ValueKey("GC01"), ReportValue(text: "Mưa lũ kéo dài ở xã Nhân Nghĩa")),
            (ValueKey("GC02"), ReportValue(text: "")),
            (ValueKey("GC03", dimension: "GT", member: "nu"), ReportValue(text: "Ðắk Lắk — 𝔸", status: .estimated)),
        ]
        let stored = try Self.storeAndReadBack(figures, in: store)
        #expect(stored == Dictionary(uniqueKeysWithValues: figures))
        #expect(try store.writer.read { try String.fetchOne($0, sql: "SELECT typeof(value) FROM reportValue WHERE key = 'GC02'") } == "text")
    }
}
