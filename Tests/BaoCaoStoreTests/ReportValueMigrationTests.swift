import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// v24: `reportValue` loses its foreign key to `report` (SQLite looked the report up again
/// for every value row a province took in); the figures stay, and a backup's check still
/// finds a value row without its report.
@Suite("Report values checked by their writer (migration v24)")
struct ReportValueMigrationTests {
    /// A database as v23 left it: one report of a commune with two figures.
    private func olderDatabase(in directory: TemporaryDirectory) throws -> String {
        try directory.database(migratedUpTo: "v23-publications-read-their-snapshot") { db in
            try db.execute(sql: """
                INSERT INTO report (id, regimeCode, period, unitCode, revision, state, formCode, formVersion,
                                    createdAt, updatedAt)
                VALUES (7, 'KTXH-THANG', '2026-05', '26881', 1, 'draft', 'BM01', 1,
                        '2026-05-20 10:00:00.000', '2026-05-20 10:00:00.000');
                INSERT INTO reportValue (reportId, key, indicatorCode, value, status)
                VALUES (7, 'NN02', 'NN02', '1245.5', 'final'), (7, 'LD01[GT=nam]', 'LD01', '30', 'estimated');
                """)
        }
    }

    @Test func figuresStay_andTheTableNoLongerLooksUpItsReport() throws {
        let directory = try TemporaryDirectory()
        let store = try NodeStore.open(at: try olderDatabase(in: directory))
        try store.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, indicatorCode, value, status FROM reportValue WHERE reportId = 7 ORDER BY key")
            #expect(rows.map { $0["key"] as String } == ["LD01[GT=nam]", "NN02"])
            #expect(rows.map { $0["value"] as String } == ["30", "1245.5"])
            #expect(rows.map { $0["status"] as String } == ["estimated", "final"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_list('reportValue')").isEmpty)
            // Still keyed by report and key, still without a rowid.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pragma_index_list('reportValue') WHERE origin = 'pk'") == 1)
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'reportValue'")?.contains("WITHOUT ROWID") == true)
        }
        #expect(try store.passesIntegrityCheck())
    }

    /// What the foreign key refused at the insert, the backup's check refuses afterwards: a
    /// file with a value row of no report does not pass for a sound database.
    @Test func valueRowWithoutItsReport_failsTheIntegrityCheck() throws {
        let directory = try TemporaryDirectory()
        let store = try NodeStore.open(at: try olderDatabase(in: directory))
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO reportValue (reportId, key, indicatorCode, value, status) VALUES (8, 'NN02', 'NN02', '1', 'final')")
        }
        #expect(try !store.passesIntegrityCheck())
    }
}
