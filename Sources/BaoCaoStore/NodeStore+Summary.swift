import GRDB

/// How much a node holds, for `baocao status` and the health page.
public struct StoreSummary: Sendable, Hashable, Codable {
    public var units: Int
    public var indicators: Int
    public var forms: Int
    public var regimes: Int
    public var releases: Int
    public var reports: Int
    public var bundles: Int
    public var users: Int
    public var auditEntries: Int
}

extension NodeStore {
    public func summary() throws -> StoreSummary {
        try writer.read { db in
            func count(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return StoreSummary(
                units: try count("unit"), indicators: try count("indicator"), forms: try count("form"),
                regimes: try count("regime"), releases: try count("release"), reports: try count("report"),
                bundles: try count("bundle"), users: try count("user"), auditEntries: try count("auditEntry"))
        }
    }
}
