import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// v23: a publication's figures are read from the snapshot it published (seed 000 art. 12.3:
/// what is public is what was reviewed), not from a copy beside it.
@Suite("Publications read their snapshot (migration v23)")
struct PublicationSnapshotMigrationTests {
    /// A database as v22 left it: one snapshot of two figures, published once, with the
    /// copy v18 kept.
    private func olderDatabase(copying copied: String, in directory: TemporaryDirectory) throws -> String {
        try directory.database(migratedUpTo: "v22-window-announcements") { db in
            try db.execute(sql: """
                INSERT INTO snapshot (regimeCode, period, number, takenAt, takenBy, cause)
                VALUES ('KTXH-THANG', '2026-05', 1, '2026-05-20 10:00:00.000', 'tonghop', 'đóng tiếp nhận');
                INSERT INTO snapshotValue (regimeCode, period, number, key, value)
                VALUES ('KTXH-THANG', '2026-05', 1, 'NN02', '1245.5'), ('KTXH-THANG', '2026-05', 1, 'LD01[GT=nam]', '30');
                INSERT INTO publication (regimeCode, period, number, snapshotNumber, publishedAt, publishedBy,
                                         expectedUnits, reportedUnits, onTimeUnits, lateUnits, reason)
                VALUES ('KTXH-THANG', '2026-05', 1, 1, '2026-05-21 02:00:00.000', 'congbo', 3, 3, 2, 1, NULL);
                INSERT INTO publicationValue (regimeCode, period, number, key, value)
                VALUES ('KTXH-THANG', '2026-05', 1, 'NN02', ?), ('KTXH-THANG', '2026-05', 1, 'LD01[GT=nam]', '30');
                """, arguments: [copied])
        }
    }

    @Test func publishedFigures_readTheSameFromTheSnapshot_andTheCopyIsGone() throws {
        let directory = try TemporaryDirectory()
        let store = try NodeStore.open(at: try olderDatabase(copying: "1245.5", in: directory))
        let (values, copyKept) = try store.writer.read { db in
            (try NodeStore.publicationValues(regime: "KTXH-THANG", period: "2026-05", number: 1, in: db), try db.tableExists("publicationValue"))
        }
        #expect(values == [ValueKey("NN02"): try ExactDecimal(canonical: "1245.5"), try ValueKey(parsing: "LD01[GT=nam]"): try ExactDecimal(canonical: "30")])
        #expect(!copyKept)
    }

    /// A copy that differs from its snapshot stops the upgrade, in Vietnamese, and the
    /// database stays as it was: no published figure is lost.
    @Test func copyDifferingFromItsSnapshot_stopsTheUpgrade_keepingEverything() throws {
        let directory = try TemporaryDirectory()
        let path = try olderDatabase(copying: "1300", in: directory)
        let refusal = #expect(throws: StoreError.self) { _ = try NodeStore.open(at: path) }
        #expect(refusal?.message.contains("Số liệu đã công bố khác với số liệu chốt") == true)
        let queue = try DatabaseQueue(path: path)
        let kept = try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM publicationValue WHERE key = 'NN02'") }
        #expect(kept == "1300")
    }
}
