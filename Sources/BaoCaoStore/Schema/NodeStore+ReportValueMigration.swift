import GRDB

extension NodeStore {
    /// `reportValue` without its foreign key to `report`.
    ///
    /// SQLite checked the key by looking the report up again for every value row inserted:
    /// 200 lookups for each bundle a province takes in, about a tenth of its ingest rate over
    /// HTTPS (1,190–1,508 bundles/s with the check, 1,456–1,651/s without, interleaved runs
    /// of `baocao-bench sync`). The promise it kept is kept where the rows are made: reports
    /// are never deleted, and every value row is written by `ValueRowWriter` for a report the
    /// same transaction has just written or read. A backup's check still looks for a value
    /// row without its report (``NodeStore/passesIntegrityCheck()``).
    static func dropReportValueParentCheck(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE reportValueUnchecked (
                reportId INTEGER NOT NULL,
                key TEXT NOT NULL,
                indicatorCode TEXT NOT NULL,
                value TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('estimated','final')),
                PRIMARY KEY (reportId, key)
            ) STRICT, WITHOUT ROWID;
            INSERT INTO reportValueUnchecked (reportId, key, indicatorCode, value, status)
                SELECT reportId, key, indicatorCode, value, status FROM reportValue ORDER BY reportId, key;
            DROP TABLE reportValue;
            ALTER TABLE reportValueUnchecked RENAME TO reportValue;
            """)
    }

    /// The value rows whose report the database does not hold: none, unless the file was
    /// changed by something other than this program.
    static func valuesWithoutTheirReport(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM reportValue v WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.id = v.reportId)
            """) ?? 0
    }
}
