import BaoCaoCore
import Foundation
import GRDB

/// A node's own data: one SQLite database, accessed through GRDB.
///
/// Production opens a file with ``open(at:)``, which refuses files that are not
/// databases, are corrupt or were written by a newer BaoCao, and turns on full
/// durability before anything is acknowledged to another node. Tests pass any
/// `DatabaseWriter` (an in-memory `DatabaseQueue`) to ``init(writer:)``: the migrator
/// and every query are the real ones.
public struct NodeStore: Sendable {
    public let writer: any DatabaseWriter
    /// The catalog in force, decoded once per change (shared by copies of this value).
    let catalogCache = GenerationCache<Catalog>()
    /// The topology, decoded once per change (shared by copies of this value).
    let topologyCache = GenerationCache<Topology>()
    /// Values of revisions with their validation, kept until they change.
    public let reportContent = ReportContentCache()

    /// Wraps a database connection and brings its schema up to date.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// An empty database in memory, migrated; for tests and dry runs.
    public static func inMemory() throws -> NodeStore {
        try NodeStore(writer: DatabaseQueue(configuration: NodeStore.configuration()))
    }

    /// How many schema migrations this database has applied (the schema version).
    public func schemaVersion() throws -> Int {
        try writer.read { try Self.migrator.appliedIdentifiers($0).count }
    }

    /// The schema version this build of BaoCao writes.
    public static var currentSchemaVersion: Int { migrator.migrations.count }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.label = "baocao"
        configuration.busyMode = .timeout(10)
        return configuration
    }
}
