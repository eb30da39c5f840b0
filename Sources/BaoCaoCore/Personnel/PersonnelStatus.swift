/// Where a record stands (trạng thái dữ liệu, seed 003 art. 8.1a, 10, 12.3). A record is
/// kept whatever its status: the unit keeps the records of those who have left.
public enum PersonnelStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case working
    /// Moved to another section of the same unit (art. 10.1); still working there.
    case movedWithinUnit
    /// Transferred to another unit (art. 10.2): this unit keeps the record, marked.
    case transferred
    case retired
    case resigned
    case deceased

    /// Whether the person counts in the unit's headcount.
    public var isOnRoster: Bool { self == .working || self == .movedWithinUnit }

    public var vietnameseName: String {
        switch self {
        case .working: "đang công tác"
        case .movedWithinUnit: "điều chuyển trong đơn vị"
        case .transferred: "đã chuyển công tác"
        case .retired: "đã nghỉ hưu"
        case .resigned: "đã thôi việc"
        case .deceased: "đã từ trần"
        }
    }
}
