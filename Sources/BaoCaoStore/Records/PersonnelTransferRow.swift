import BaoCaoCore
import Foundation
import GRDB

/// One transfer of personnel records (seed 003 art. 10.2) as this node took part in it: a
/// row of `personnelTransfer`, keyed by the transfer bundle the unit the records leave sent.
/// Both ends track the deadlines from it: sent within 5 working days of the decision's
/// effect, forwarded by the receiving body within 3.
public struct PersonnelTransferRow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "personnelTransfer"

    /// This node's part in the transfer.
    public enum Direction: String, Sendable, Hashable, Codable, DatabaseValueConvertible {
        /// The records left this unit.
        case sent
        /// This unit is the receiving body and must forward them to the employing unit.
        case forwarding
        /// This unit employs the person now: the records arrived here.
        case received
    }

    public enum Columns {
        public static let bundleId = Column(CodingKeys.bundleId)
        public static let forwardBundleId = Column(CodingKeys.forwardBundleId)
        public static let direction = Column(CodingKeys.direction)
    }

    /// The transfer bundle sent by the unit the records leave.
    public var bundleId: String
    public var direction: Direction
    /// Record numbers, comma-separated, sorted (no personal data).
    public var records: String
    public var fromUnit: UnitCode
    /// The receiving body (cơ quan tiếp nhận).
    public var toUnit: UnitCode
    public var employingUnit: UnitCode
    /// `YYYY-MM-DD`: the day the decision takes effect, and the day the step this node owes
    /// (sending, forwarding) is due; `nil` when it owes none.
    public var decisionEffectiveOn: String
    public var dueOn: String?
    public var sentAt: Date?
    public var receivedAt: Date?
    public var forwardedAt: Date?
    /// The bundle the receiving body forwarded the records in.
    public var forwardBundleId: String?
    /// When the final recipient's receipt came back.
    public var acknowledgedAt: Date?

    public init(bundleId: String, direction: Direction, records: [PersonnelID], fromUnit: UnitCode, toUnit: UnitCode,
                employingUnit: UnitCode, decisionEffectiveOn: CivilDate, dueOn: CivilDate?, sentAt: Date? = nil,
                receivedAt: Date? = nil, forwardedAt: Date? = nil, forwardBundleId: String? = nil, acknowledgedAt: Date? = nil) {
        self.bundleId = bundleId
        self.direction = direction
        self.records = records.map(\.rawValue).sorted().joined(separator: ",")
        self.fromUnit = fromUnit
        self.toUnit = toUnit
        self.employingUnit = employingUnit
        self.decisionEffectiveOn = decisionEffectiveOn.description
        self.dueOn = dueOn?.description
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.forwardedAt = forwardedAt
        self.forwardBundleId = forwardBundleId
        self.acknowledgedAt = acknowledgedAt
    }

    /// The record numbers.
    public var recordIDs: [PersonnelID] {
        records.split(separator: ",").compactMap { try? PersonnelID(parsing: String($0)) }
    }

    /// Whether the step this node owes is not done and `today` is past its day.
    public func isOverdue(today: CivilDate) -> Bool {
        guard let dueOn, let due = try? CivilDate(parsing: dueOn) else { return false }
        switch direction {
        case .sent: return sentAt == nil && today > due
        case .forwarding: return forwardedAt == nil && today > due
        case .received: return false
        }
    }

    /// Whether the step this node owes was done after its day (sent or forwarded late).
    public var wasLate: Bool {
        guard let dueOn, let due = try? CivilDate(parsing: dueOn) else { return false }
        let done: Date? = switch direction {
        case .sent: sentAt
        case .forwarding: forwardedAt
        case .received: nil
        }
        return done.map { VietnamTime.civilDate(at: $0) > due } ?? false
    }

    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredTime.encoding }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredTime.decoding }
}
