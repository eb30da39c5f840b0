/// Which law a person works under (seed 003 art. 2.2): the four kinds the statistics
/// count apart.
public enum PersonnelKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Cán bộ: elected, approved or appointed to a term.
    case official
    /// Công chức: recruited into a rank of the civil service.
    case civilServant
    /// Viên chức: recruited by a public service unit under a working contract.
    case publicEmployee
    /// Người lao động hợp đồng (Decrees 68/2000, 161/2018).
    case contractStaff

    public var vietnameseName: String {
        switch self {
        case .official: "cán bộ"
        case .civilServant: "công chức"
        case .publicEmployee: "viên chức"
        case .contractStaff: "lao động hợp đồng"
        }
    }
}
