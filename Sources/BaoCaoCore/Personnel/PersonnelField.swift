/// The parts of a record, as access rules and masking name them (seed 003 art. 3.3;
/// Decree 13/2023 on personal data): the sensitive ones are shown only to roles granted
/// them and masked (`•••`) otherwise.
public enum PersonnelField: String, Sendable, Hashable, Codable, CaseIterable {
    case identity, work, positions, pay, training, rewards, discipline, evaluations, history
    case health, bloodGroup, ethnicity, religion, origin, maritalStatus, policyGroup, warInvalidRank, titles, family

    /// Health, religion, ethnicity, origin and family — and with them blood group, marital
    /// status, policy group and war-invalid rank, which say as much.
    public var isSensitive: Bool {
        switch self {
        case .health, .bloodGroup, .ethnicity, .religion, .origin, .maritalStatus, .policyGroup, .warInvalidRank, .family: true
        default: false
        }
    }

    public var vietnameseName: String {
        switch self {
        case .identity: "Thông tin cá nhân"
        case .work: "Đơn vị, công việc"
        case .positions: "Chức vụ"
        case .pay: "Lương, phụ cấp"
        case .training: "Đào tạo, bồi dưỡng"
        case .rewards: "Khen thưởng"
        case .discipline: "Kỷ luật"
        case .evaluations: "Đánh giá hằng năm"
        case .history: "Quá trình công tác"
        case .health: "Sức khỏe"
        case .bloodGroup: "Nhóm máu"
        case .ethnicity: "Dân tộc"
        case .religion: "Tôn giáo"
        case .origin: "Thành phần xuất thân"
        case .maritalStatus: "Tình trạng hôn nhân"
        case .policyGroup: "Đối tượng chính sách"
        case .warInvalidRank: "Hạng thương binh"
        case .titles: "Danh hiệu phong tặng"
        case .family: "Quan hệ gia đình"
        }
    }
}
