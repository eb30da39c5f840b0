import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// A node upgraded across v22 keeps its windows, notices and timeliness rulings, and
/// finds its windows' openings and closings among the announcements (seed 002 art. 14.4).
@Suite("Window announcements migration")
struct WindowAnnouncementMigrationTests {
    @Test func olderDatabase_keepsItsRows_andGainsTheAnnouncements() throws {
        let directory = try TemporaryDirectory()
        // The database as the build before v22 left it.
        let path = try directory.database(migratedUpTo: "v17-succession") { db in
            try db.execute(sql: """
                INSERT INTO receivingWindow (regimeCode, period, state, openedAt, openedBy, closedAt, closedBy)
                VALUES ('KTXH-THANG', '2026-05', 'closed', '2026-05-01 01:00:00.000', 'tonghop', '2026-05-20 10:00:00.000', 'tonghop'),
                       ('KTXH-THANG', '2026-06', 'open', '2026-06-01 01:00:00.000', 'tonghop', NULL, NULL);
                INSERT INTO notice (bundleId, kind, sender, recipient, regimeCode, period, text, sentAt)
                VALUES ('goi-thong-bao', 'windowClosed', '148', '04801', 'KTXH-THANG', '2026-05', 'Đã đóng tiếp nhận', '2026-05-20 10:00:00.000');
                INSERT INTO timelinessRuling (bundleId, regimeCode, period, unitCode, ruling, reason, decidedBy, decidedAt)
                VALUES ('goi-bao-cao', 'KTXH-THANG', '2026-05', '04801', 'signingTime', 'Mất kết nối', 'tonghop', '2026-05-21 10:00:00.000');
                """)
        }
        let store = try NodeStore.open(at: path)
        let terms = try store.receivingTerms(regime: "KTXH-THANG", periods: ["2026-05", "2026-06"])
        #expect(terms["2026-05"]?.announcements.map(\.kind) == [.opened, .closed])
        #expect(terms["2026-05"]?.announcements.last?.at == Date(timeIntervalSince1970: 1_779_271_200))
        #expect(terms["2026-06"]?.announcements.map(\.kind) == [.opened])
        try store.writer.write { db in
            #expect(try String.fetchAll(db, sql: "SELECT kind FROM notice") == ["windowClosed"])
            #expect(try String.fetchAll(db, sql: "SELECT ruling FROM timelinessRuling") == ["signingTime"])
            // The kinds added by v22 are accepted now.
            try db.execute(sql: "UPDATE notice SET kind = 'windowExtended'")
            try db.execute(sql: "UPDATE timelinessRuling SET ruling = 'firstRevision'")
        }
    }
}
