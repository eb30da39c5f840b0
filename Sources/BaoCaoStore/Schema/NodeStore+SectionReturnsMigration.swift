import GRDB

extension NodeStore {
    /// The leader's returns of one section's figures of a draft report (seed 002 art.
    /// 12.4a), each open until the section's figures are approved again.
    static func createSectionReturns(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sectionReturn (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                reportId INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                sectionCode TEXT NOT NULL,
                reason TEXT NOT NULL,
                returnedBy TEXT NOT NULL,
                returnedAt TEXT NOT NULL,
                resolvedBy TEXT,
                resolvedAt TEXT
            ) STRICT;
            CREATE UNIQUE INDEX sectionReturn_open ON sectionReturn(reportId, sectionCode) WHERE resolvedAt IS NULL;
            """)
    }
}
