/// The columns of a consolidated row whose figure may come from another period's reports
/// (and so, across the 2025 reform, from the units of the old map).
public enum ConsolidatedColumn: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The figure for the period (kỳ này).
    case value
    /// Lũy kế từ đầu năm.
    case yearToDate
    /// Cùng kỳ năm trước (and the comparison with it).
    case samePeriodLastYear

    /// The column's heading as the tables show it.
    public var vietnameseName: String {
        switch self {
        case .value: "kỳ này"
        case .yearToDate: "lũy kế"
        case .samePeriodLastYear: "cùng kỳ"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
