import GRDB

/// One named node setting, as text: a row of `setting`. Read and written through
/// ``NodeSetting``.
struct SettingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "setting"

    enum Columns {
        static let key = Column(CodingKeys.key)
        static let value = Column(CodingKeys.value)
    }

    var key: String
    var value: String
}
