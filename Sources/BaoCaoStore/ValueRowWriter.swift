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
            var parameter: Int32 = 1
            for row in sorted[start..<end] {
                sqlite3_bind_int64(handle, parameter, report)
                Self.bind(row.key, to: parameter + 1, of: handle)
                Self.bind(row.indicator, to: parameter + 2, of: handle)
                Self.bind(row.value.text, to: parameter + 3, of: handle)
                Self.bind(row.value.status.rawValue, to: parameter + 4, of: handle)
                parameter += 5
            }
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
            start = end
        }
    }

    private static func bind(_ text: String, to parameter: Int32, of handle: SQLiteStatement) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                if let base = characters.baseAddress {
                    _ = sqlite3_bind_text(handle, parameter, base, Int32(characters.count), Self.transient)
                } else {
                    // An empty string's buffer may have no address, which SQLite would read as NULL.
                    _ = sqlite3_bind_text(handle, parameter, "", 0, Self.transient)
                }
            }
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

    /// `SQLITE_TRANSIENT`: SQLite copies the text before the call returns (the macro does
    /// not import into Swift).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
