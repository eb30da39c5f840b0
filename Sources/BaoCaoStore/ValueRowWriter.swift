import BaoCaoCore
import GRDB
import GRDBSQLite

/// Writes a revision's value rows — a report's hundreds, an import's ten thousand, the
/// thousands of reports a province takes in — many rows to a statement, in key order, and
/// binds them straight through SQLite's C API.
///
/// In key order, each row lands at the end of the `(reportId, key)` index instead of
/// splitting pages all over it; and GRDB's general argument path (a `DatabaseValue` made
/// per parameter, through generic code) cost more than SQLite's insert itself.
struct ValueRowWriter {
    /// Rows per statement: 5 parameters each, far under SQLite's limit on parameters.
    static let rowsPerStatement = 128

    struct Row {
        /// The value key as written (`DS02[GT=nu]`).
        let key: String
        let indicator: String
        let value: ReportValue
    }

    let db: Database
    let report: Int64

    /// Inserts or replaces `rows` (each key once).
    func upsert(_ rows: [Row]) throws {
        // Rows mostly come in key order (a file, a consolidation); checking costs one pass.
        let sorted = zip(rows, rows.dropFirst()).allSatisfy({ $0.key < $1.key }) ? rows : rows.sorted { $0.key < $1.key }
        var text: [UInt8] = []
        var spans: [(offset: Int, length: Int)] = []
        text.reserveCapacity(min(sorted.count, Self.rowsPerStatement) * 48)
        spans.reserveCapacity(min(sorted.count, Self.rowsPerStatement) * 4)
        var start = 0
        while start < sorted.count {
            // 128 rows to a statement, the rest in powers of two (200 rows: 128, 64, 8): eight
            // statements in all, each prepared once per connection. Preparing one for the
            // exact rest, 72 rows, took as long as inserting them.
            let count = Self.rowsInNextStatement(remaining: sorted.count - start)
            let end = start + count
            let statement = try db.cachedStatement(sql: Self.statementSQL[count]!)
            let handle = statement.sqliteStatement
            sqlite3_reset(handle)
            // The statement's texts side by side in one buffer, bound where they lie
            // (SQLITE_STATIC) and stepped while it lives: one allocation per statement, not
            // a copy by SQLite of each of its 512 texts.
            text.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            func add(_ part: String) {
                let offset = text.count
                text.append(contentsOf: part.utf8)
                spans.append((offset, text.count - offset))
            }
            for row in sorted[start..<end] {
                add(row.key)
                add(row.indicator)
                add(row.value.text)
                add(row.value.status.rawValue)
            }
            text.append(0)   // so that the buffer has an address even when every text is empty
            let code = text.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { characters in
                    let base = characters.baseAddress!
                    var parameter: Int32 = 1
                    for row in 0..<count {
                        sqlite3_bind_int64(handle, parameter, report)
                        for column in 0..<4 {
                            let (offset, length) = spans[row * 4 + column]
                            sqlite3_bind_text(handle, parameter + 1 + Int32(column), base + offset, Int32(length), nil)
                        }
                        parameter += 5
                    }
                    return sqlite3_step(handle)
                }
            }
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)   // nothing left pointing into the buffer
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            start = end
        }
    }

    /// The rows the next statement takes when `remaining` rows are left: 128, or the
    /// largest power of two not above what is left.
    static func rowsInNextStatement(remaining: Int) -> Int {
        remaining >= rowsPerStatement ? rowsPerStatement : 1 << (Int.bitWidth - 1 - remaining.leadingZeroBitCount)
    }

    /// The statement for each count of rows ``rowsInNextStatement(remaining:)`` gives.
    private static let statementSQL = Dictionary(uniqueKeysWithValues: (0...7).map { (1 << $0, sql(rows: 1 << $0)) })

    static func sql(rows: Int) -> String {
        "INSERT INTO reportValue (reportId, key, indicatorCode, value, status) VALUES "
            + repeatElement("(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
            + " ON CONFLICT (reportId, key) DO UPDATE SET value = excluded.value, status = excluded.status"
    }
}
