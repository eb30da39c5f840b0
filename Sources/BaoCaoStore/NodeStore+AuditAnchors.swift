import BaoCaoCore
import Foundation
import GRDB

/// A child's audit-log head as it arrived in one of its bundles, kept at the parent.
public struct AuditAnchorRecord: Sendable, Hashable {
    public var unitCode: String
    public var head: AuditHead
    public var bundleId: String
    public var receivedAt: Date

    public init(unitCode: String, head: AuditHead, bundleId: String, receivedAt: Date) {
        self.unitCode = unitCode
        self.head = head
        self.bundleId = bundleId
        self.receivedAt = receivedAt
    }
}

/// Instants as the store writes them for tables that compare or hash their text:
/// ISO 8601 in UTC with milliseconds, e.g. `2026-11-22T01:35:00.123Z`.
public enum StoredTime {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    public static func text(_ instant: Date) -> String { instant.formatted(style) }

    public static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: style)) ?? (try? Date(text, strategy: .iso8601))
    }
}

extension NodeStore {
    /// Keeps the audit head a verified bundle from `unitCode` carried, in the transaction
    /// that records the bundle. The same bundle twice is kept once.
    public static func recordAuditAnchor(_ anchor: AuditAnchorRecord, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO auditAnchor(unitCode, sequence, hash, bundleId, receivedAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [anchor.unitCode, anchor.head.sequence, anchor.head.hash, anchor.bundleId, StoredTime.text(anchor.receivedAt)])
    }

    /// The anchors held for a unit, by sequence then arrival.
    public func auditAnchors(of unitCode: String) throws -> [AuditAnchorRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT unitCode, sequence, hash, bundleId, receivedAt FROM auditAnchor
                WHERE unitCode = ? ORDER BY sequence, receivedAt, bundleId
                """, arguments: [unitCode]).map { row in
                AuditAnchorRecord(unitCode: row["unitCode"], head: AuditHead(sequence: row["sequence"], hash: row["hash"]),
                                  bundleId: row["bundleId"], receivedAt: StoredTime.date(row["receivedAt"]) ?? .distantPast)
            }
        }
    }
}
