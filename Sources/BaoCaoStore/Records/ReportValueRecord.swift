import BaoCaoCore
import GRDB

/// One value of one report revision, a canonical decimal or a text: a row of `reportValue`.
///
/// Values are written by the thousand (a report's hundreds, an import's ten thousand, the
/// reports a province takes in), so they go through ``ValueRowWriter`` and prepared
/// statements rather than this record; it names the table and its columns for the rest.
public struct ReportValueRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "reportValue"

    public enum Columns {
        public static let reportId = Column(CodingKeys.reportId)
        public static let key = Column(CodingKeys.key)
    }

    public var reportId: Int64
    /// The value key as written (`DS02[GT=nu]`).
    public var key: String
    public var indicatorCode: String
    public var value: String
    public var status: ReportValue.Status

    public init(reportId: Int64, key: ValueKey, value: ReportValue) {
        self.reportId = reportId
        self.key = key.description
        self.indicatorCode = key.indicator
        self.value = value.text
        self.status = value.status
    }
}
