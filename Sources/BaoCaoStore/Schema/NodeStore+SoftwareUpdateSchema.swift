import GRDB

extension NodeStore {
    /// v25: the software updates this node took (each description's exact bytes; the package
    /// stays in the update's bundle file, content-addressed like every bundle), and the
    /// version of the program each unit of its subtree was last seen running, as reported
    /// upward at every sync.
    static func createSoftwareUpdates(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE softwareUpdate (
                contentHash TEXT PRIMARY KEY NOT NULL,
                publisher TEXT NOT NULL,
                version TEXT NOT NULL,
                previousHash TEXT,
                publishedAt TEXT NOT NULL,
                receivedAt TEXT NOT NULL,
                bundleId TEXT NOT NULL,
                content BLOB NOT NULL
            ) STRICT;

            CREATE TABLE unitVersion (
                unitCode TEXT PRIMARY KEY NOT NULL,
                version TEXT NOT NULL,
                seenAt TEXT NOT NULL,
                reportedBy TEXT NOT NULL
            ) STRICT;
            """)
    }
}
