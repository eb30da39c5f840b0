/// Where a report revision stands (DESIGN §5).
///
/// At the sender: `draft → submitted → approved → sent → accepted | returned`, and
/// `submitted → draft` when the leader rejects it. A returned report stays returned;
/// a new revision, a draft, corrects it. At the receiver a report is `received`, then
/// `accepted` or `returned`.
public enum ReportState: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    /// Handed to the unit's leader for approval.
    case submitted
    /// Approved and signed by the leader; the bundle is made and waiting to go.
    case approved
    /// Handed to the sync queue towards the receiver.
    case sent
    /// At the receiver: arrived and verified, not yet decided.
    case received
    case accepted
    case returned

    /// The Vietnamese name shown to people.
    public var displayName: String {
        switch self {
        case .draft: "đang soạn"
        case .submitted: "chờ lãnh đạo duyệt"
        case .approved: "đã duyệt, đã ký"
        case .sent: "đã gửi"
        case .received: "đã nhận, chờ xem xét"
        case .accepted: "đã chấp nhận"
        case .returned: "bị trả lại"
        }
    }

    /// Whether the revision's figures may still change.
    public var isEditable: Bool { self == .draft }
}
