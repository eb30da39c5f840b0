import BaoCaoCore
import GRDB

/// The columns of a `personnelRecord` row that a search or a list shows, without the
/// record itself (not a table of its own: a selection of ``PersonnelRecordRow``).
public struct PersonnelSearchHit: Sendable, Hashable, Codable, FetchableRecord {
    public var id: PersonnelID
    public var holderUnit: UnitCode
    public var fullName: String
    public var status: String
    public var kind: String
    public var section: String?
    public var rank: String?

    static var columns: [any SQLSelectable] {
        [Column("id"), Column("holderUnit"), Column("fullName"), Column("status"), Column("kind"), Column("section"), Column("rank")]
    }
}
