import Foundation

/// One dated change to a record (seed 003 art. 9–10): what changed, from which day, on
/// which decision, who entered it and when, and whether the unit head has approved it
/// (art. 13.1). A record is its events; the state on any day is their fold
/// (``PersonnelRecord/state(on:)``), so the history is never overwritten.
public struct PersonnelEvent: Sendable, Hashable, Codable {
    /// 1, 2, 3 … within the record, in the order entered.
    public var sequence: Int
    /// The day the change takes effect: the decision's effective day when there is one.
    public var effectiveOn: CivilDate
    /// The decision it rests on; changes declared by the person (family, marital status)
    /// have none.
    public var decision: DecisionReference?
    public var change: PersonnelChange
    /// The unit whose node entered it.
    public var recordedBy: UnitCode
    /// The account that entered it (user name), UTC time.
    public var recordedByAccount: String
    public var recordedAt: Date
    /// The unit head's approval (art. 13.1): until then the event is shown as pending and
    /// does not count in the current state or the statistics.
    public var approval: PersonnelApproval?

    public init(sequence: Int, effectiveOn: CivilDate, decision: DecisionReference?, change: PersonnelChange,
                recordedBy: UnitCode, recordedByAccount: String, recordedAt: Date, approval: PersonnelApproval? = nil) {
        self.sequence = sequence
        self.effectiveOn = effectiveOn
        self.decision = decision
        self.change = change
        self.recordedBy = recordedBy
        self.recordedByAccount = recordedByAccount
        self.recordedAt = recordedAt
        self.approval = approval
    }
}

/// Who approved an event, and when (UTC).
public struct PersonnelApproval: Sendable, Hashable, Codable {
    public var account: String
    public var name: String
    public var approvedAt: Date

    public init(account: String, name: String, approvedAt: Date) {
        self.account = account
        self.name = name
        self.approvedAt = approvedAt
    }
}
