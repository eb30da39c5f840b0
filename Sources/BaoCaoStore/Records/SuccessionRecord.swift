import Foundation
import GRDB

/// A reorganisation taken from a province release: a row of `succession`, its content the
/// ``BaoCaoCore/Succession`` as JSON (sorted keys). Read and written through
/// `NodeStore.recordSuccession` and `NodeStore.successions()`.
struct SuccessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "succession"

    enum Columns {
        static let effective = Column(CodingKeys.effective)
        static let content = Column(CodingKeys.content)
    }

    /// The first day of the new map, `YYYY-MM-DD`: one succession per date.
    var effective: String
    var content: Data
    /// The hash of the release that carried it.
    var releaseHash: String
    /// When this node took it (``StoredTime``).
    var recordedAt: String
}
