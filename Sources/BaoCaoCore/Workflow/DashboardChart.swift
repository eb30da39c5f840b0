/// How an indicator is drawn on a unit's own dashboard (002 art. 10.1e; 000 art. 13.4):
/// over the unit's recent periods, as a line or as bars.
public enum DashboardChart: String, Sendable, Hashable, Codable, CaseIterable {
    case line
    case bars

    public var displayName: String {
        switch self {
        case .line: "Đường xu hướng qua các kỳ"
        case .bars: "Biểu đồ cột qua các kỳ"
        }
    }
}
