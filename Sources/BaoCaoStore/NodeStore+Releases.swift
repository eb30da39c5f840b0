import BaoCaoCore
import GRDB

extension NodeStore {
    /// The newest release of a publisher's chain, if any.
    public func latestRelease(publisher: UnitCode) throws -> StoredRelease? {
        try writer.read { db in
            try StoredRelease.filter(Column("publisher") == publisher).order(Column("version").desc).fetchOne(db)
        }
    }

    /// The newest release of every publisher's chain.
    public func latestReleases() throws -> [StoredRelease] {
        try writer.read { db in
            try StoredRelease.fetchAll(db, sql: """
                SELECT r.* FROM release r
                WHERE r.version = (SELECT MAX(version) FROM release WHERE publisher = r.publisher)
                ORDER BY r.publisher
                """)
        }
    }

    /// Every release kept, newest first.
    public func releaseHistory() throws -> [StoredRelease] {
        try writer.read { db in
            try StoredRelease.order(Column("receivedAt").desc, Column("publisher"), Column("version").desc).fetchAll(db)
        }
    }

    /// Records an accepted release and puts what it establishes in force, in one
    /// transaction: the topology (province releases: the unit table replaced, so after the
    /// 2025 reform's first release it is the new map), the catalog in force (the
    /// province's with every unit's local additions), worked out by the caller, and the
    /// succession the release carries (``recordSuccession(_:releaseHash:at:in:)``).
    public func recordRelease(_ release: StoredRelease, topology: Topology?, catalogInForce: Catalog, succession: Succession? = nil) throws {
        try writer.write { db in
            try Self.recordRelease(release, topology: topology, catalogInForce: catalogInForce, succession: succession, in: db)
        }
    }

    /// The same, inside a transaction the caller holds (a bundle recorded with its release).
    public static func recordRelease(_ release: StoredRelease, topology: Topology?, catalogInForce: Catalog,
                                     succession: Succession? = nil, in db: Database) throws {
        try release.insert(db)
        if let topology { try replaceTopology(topology, in: db) }
        try replaceCatalog(catalogInForce, in: db)
        if let succession { try recordSuccession(succession, releaseHash: release.contentHash, at: release.receivedAt, in: db) }
    }
}
