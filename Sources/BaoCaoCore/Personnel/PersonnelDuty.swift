/// The updates seed 003 art. 9–10 require, each within so many working days of the day
/// its decision takes effect (the day taking up the post, for a new person).
public enum PersonnelDuty: String, Sendable, Hashable, Codable, CaseIterable {
    /// Art. 9.1: a new person entered, 10 working days.
    case enterNewPerson
    /// Art. 9.2a: a change decided by the state side, 10 working days.
    case recordStateChange
    /// Art. 10.1: a move inside the unit, 2 working days.
    case recordMoveWithinUnit
    /// Art. 10.2: the record sent to the receiving body, 5 working days.
    case sendTransfer
    /// Art. 10.2: the receiving body forwards it to the employing unit, 3 working days.
    case forwardTransfer
    /// Art. 10.3: leaving recorded, 5 working days.
    case recordLeaving

    public var workingDays: Int {
        switch self {
        case .enterNewPerson, .recordStateChange: 10
        case .recordMoveWithinUnit: 2
        case .sendTransfer, .recordLeaving: 5
        case .forwardTransfer: 3
        }
    }

    /// The article that sets it, for the overdue list.
    public var article: String {
        switch self {
        case .enterNewPerson: "Điều 9 khoản 1"
        case .recordStateChange: "Điều 9 khoản 2 điểm a"
        case .recordMoveWithinUnit: "Điều 10 khoản 1"
        case .sendTransfer, .forwardTransfer: "Điều 10 khoản 2"
        case .recordLeaving: "Điều 10 khoản 3"
        }
    }

    /// The last day to do it: `workingDays` working days after `effectiveOn` (the day
    /// itself not counted), by `calendar`.
    public func deadline(from effectiveOn: CivilDate, in calendar: WorkingCalendar) -> CivilDate {
        var day = effectiveOn
        var left = workingDays
        while left > 0 {
            day = day.adding(days: 1)
            if calendar.isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
