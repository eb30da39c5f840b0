import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import Testing

@Suite("Stored instants: the fast text is GRDB's, character for character")
struct DatabaseDateTextTests {
    /// The tables compare and order instants as text (`retryAt <= ?`, `measuredAt <= ?`, the
    /// feed's order): one written by arithmetic must read exactly as GRDB's formatter wrote
    /// it, or a row written before the change would sort after one written since.
    @Test func textEqualsGRDBsFormatter_acrossYearsLeapDaysAndMillisecondEdges() {
        var instants: [Date] = [
            Date(timeIntervalSince1970: 0),
            Date(timeIntervalSince1970: 951_782_400),          // 2000-02-29
            Date(timeIntervalSince1970: 1_709_164_799.9999),    // 2024-02-28 23:59:59.9999
            Date(timeIntervalSince1970: 4_107_542_400),         // 2100-03-01 (no 29 Feb)
            Date(timeIntervalSince1970: 253_402_300_799.999),   // 9999-12-31 23:59:59.999
            Date(timeIntervalSinceReferenceDate: 0.0005),
            Date(timeIntervalSinceReferenceDate: -0.0005),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // Any instant from 1970 to 2200, with sub-millisecond parts.
            instants.append(Date(timeIntervalSince1970: Double.random(in: 0..<7_258_118_400, using: &generator)))
        }
        for second in stride(from: 1_780_000_000.0, to: 1_780_000_100.0, by: 1) {
            // Right around millisecond boundaries, where rounding would differ from flooring.
            for offset in [0.0, 0.000_4, 0.000_5, 0.000_999_9, 0.001, 0.999, 0.999_5, 0.999_999_9] {
                instants.append(Date(timeIntervalSince1970: second + offset))
            }
        }
        for instant in instants {
            #expect(DatabaseDateText.text(instant) == String.fromDatabaseValue(instant.databaseValue),
                    "\(instant.timeIntervalSinceReferenceDate)")
        }
    }

    /// Before 1970 and after 9999 the formatter's own text is kept (the Julian calendar
    /// before 1582, five-digit years): no instant reads differently.
    @Test func outsideTheFastRange_theFormattersTextIsKept() {
        for instant in [Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -12_219_292_800),
                        Date(timeIntervalSince1970: 253_402_300_800)] {
            #expect(DatabaseDateText.text(instant) == String.fromDatabaseValue(instant.databaseValue))
        }
    }

    /// A bundle row written through the record reads back as GRDB would have stored it, and
    /// its instants compare with instants bound as query arguments (GRDB's own text).
    @Test func recordsWriteTheSameText_asQueryArgumentsCompareWith() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE moment (at TEXT)")
            let instant = Date(timeIntervalSince1970: 1_780_000_000.123_456)
            try db.execute(sql: "INSERT INTO moment VALUES (?)", arguments: [DatabaseDateText.text(instant)])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM moment WHERE at = ?", arguments: [instant]) == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM moment WHERE at < ?", arguments: [instant.addingTimeInterval(0.001)]) == 1)
        }
    }
}
