import BaoCaoCore
import Foundation
import GRDB
import Testing
@testable import BaoCaoStore

/// Records keep unit codes, regime codes, periods and recipients as the same text they held
/// when those were plain strings: no migration, and a database written before reads the same.
@Suite("Domain names in the database")
struct DomainNamesStorageTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000)

    /// A report row and a broadcast notice row hold plain text, not JSON, and read back typed.
    @Test func columns_holdThePlainText_andReadBackTyped() throws {
        let store = try NodeStore.inMemory()
        let notice = NoticeDocument(kind: .windowOpened, regime: "KTXH-THANG", period: "2026-Q4", text: "Mở tiếp nhận", sentBy: "tonghop",
                                    sentAt: Self.day)
        try store.writer.write { db in
            var report = ReportRecord(regimeCode: "KTXH-THANG", period: "2026-11", unitCode: "04792", revision: 1, state: .draft,
                                      formCode: "KTXH", formVersion: 1, releaseVersion: nil, at: Self.day)
            report.relayedFor = "148"
            try report.insert(db)
            try NodeStore.recordNotice(notice, bundleId: "b1", sender: "17", recipient: .everyone, in: db)
        }
        let rows = try store.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT regimeCode AS a, period AS b, unitCode AS c, relayedFor AS d FROM report
                UNION ALL SELECT regimeCode, period, sender, recipient FROM notice
                """)
        }
        #expect(rows.map { [$0["a"], $0["b"], $0["c"], $0["d"]] as [String] }
                == [["KTXH-THANG", "2026-11", "04792", "148"], ["KTXH-THANG", "2026-Q4", "17", "*"]])
        let types = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT typeof(regimeCode) || typeof(period) || typeof(unitCode) FROM report")
        }
        #expect(types == ["texttexttext"])
        let report = try #require(try store.writer.read { try ReportRecord.fetchOne($0) })
        #expect(report.regimeCode == "KTXH-THANG" && report.period == "2026-11" && report.unitCode == "04792" && report.relayedFor == "148")
        let received = try store.writer.read { try NodeStore.notices(receivedBy: "05290", in: $0) }
        #expect(received.isEmpty, "a broadcast is not addressed to a unit by name")
        let stored = try #require(try store.writer.read { try NoticeRecord.fetchOne($0) })
        #expect(stored.recipient == .everyone && stored.sender == "17" && stored.period == "2026-Q4")
    }
}
