import BaoCaoCore
import GRDB

extension NodeStore {
    /// The province's publications on its public page (seed 000 art. 12.3): a regime-period's
    /// frozen figures as the publisher reviewed and published them, numbered from 1 (a
    /// correction is the next number), with the completeness behind them as it stood.
    /// The publisher role (công bố) joins the roles an account may hold: `userRole` is rebuilt
    /// with the wider check, its rows kept.
    static func createPublications(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE userRole_v18 (
                userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('admin','aggregator','approver','dataEntry','viewer','publisher')),
                PRIMARY KEY (userId, role)
            ) STRICT;
            INSERT INTO userRole_v18 (userId, role) SELECT userId, role FROM userRole;
            DROP TABLE userRole;
            ALTER TABLE userRole_v18 RENAME TO userRole;

            CREATE TABLE publication (
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                number INTEGER NOT NULL CHECK (number >= 1),
                snapshotNumber INTEGER NOT NULL,
                publishedAt TEXT NOT NULL,
                publishedBy TEXT NOT NULL,
                expectedUnits INTEGER NOT NULL CHECK (expectedUnits >= 0),
                reportedUnits INTEGER NOT NULL CHECK (reportedUnits >= 0),
                onTimeUnits INTEGER NOT NULL CHECK (onTimeUnits >= 0),
                lateUnits INTEGER NOT NULL CHECK (lateUnits >= 0),
                reason TEXT,
                PRIMARY KEY (regimeCode, period, number),
                FOREIGN KEY (regimeCode, period, snapshotNumber) REFERENCES snapshot(regimeCode, period, number)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE publicationValue (
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                number INTEGER NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (regimeCode, period, number, key),
                FOREIGN KEY (regimeCode, period, number) REFERENCES publication(regimeCode, period, number) ON DELETE CASCADE
            ) STRICT, WITHOUT ROWID;
            """)
    }

    /// A publication's figures are its snapshot's (immutable once frozen): the copy that
    /// v18 kept beside them goes. Should any copy differ from its snapshot — which publishing
    /// never did — the migration stops rather than lose a published figure.
    static func dropPublicationValues(_ db: Database) throws {
        let differing = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM publicationValue v JOIN publication p
              ON p.regimeCode = v.regimeCode AND p.period = v.period AND p.number = v.number
            LEFT JOIN snapshotValue s
              ON s.regimeCode = p.regimeCode AND s.period = p.period AND s.number = p.snapshotNumber AND s.key = v.key
            WHERE s.value IS NOT v.value
            """) ?? 0
        let missing = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM snapshotValue s JOIN publication p
              ON s.regimeCode = p.regimeCode AND s.period = p.period AND s.number = p.snapshotNumber
            LEFT JOIN publicationValue v
              ON v.regimeCode = p.regimeCode AND v.period = p.period AND v.number = p.number AND v.key = s.key
            WHERE v.value IS NULL
            """) ?? 0
        guard differing == 0, missing == 0 else {
            throw StoreError(.invalidStoredData,
                message: "Số liệu đã công bố khác với số liệu chốt mà nó ghi (\(differing + missing) chỉ tiêu): không nâng cấp cơ sở dữ liệu; hãy báo cho quản trị.",
                log: "v23: \(differing) published figures differ from their snapshot, \(missing) snapshot figures unpublished")
        }
        try db.execute(sql: "DROP TABLE publicationValue")
    }
}
