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
            StoreSummary(
                units: try UnitRecord.fetchCount(db), indicators: try IndicatorRecord.fetchCount(db), forms: try FormRecord.fetchCount(db),
                regimes: try RegimeRecord.fetchCount(db), releases: try StoredRelease.fetchCount(db), reports: try ReportRecord.fetchCount(db),
                bundles: try StoredBundle.fetchCount(db), users: try UserRecord.fetchCount(db), auditEntries: try AuditEntry.fetchCount(db))
        }
    }
}
