/// One update seed 003 art. 9–10 asks for, owed because of one event of a record: which
/// duty, from which day it is counted, the last day to do it, and whether and when it was
/// done — what the overdue list shows.
public struct PersonnelDutyDeadline: Sendable, Hashable {
    public var duty: PersonnelDuty
    /// The event that created it (``PersonnelEvent/sequence``).
    public var eventSequence: Int
    /// The day its decision took effect (the day the person took up the post, for a new
    /// person): the deadline is counted from it, that day not counted.
    public var effectiveOn: CivilDate
    /// The last working day to do it.
    public var dueOn: CivilDate
    /// The day (Vietnam's) it was done, or `nil` while it is not. For an entry it is the
    /// day the event was recorded; a transfer is done when the bundle went (sent) or was
    /// forwarded, which the code that sends it knows and sets here
    /// (``PersonnelRecord/duties(in:today:transfersDone:)``).
    public var doneOn: CivilDate?
    /// Today, as the list was made.
    public var today: CivilDate

    public init(duty: PersonnelDuty, eventSequence: Int, effectiveOn: CivilDate, dueOn: CivilDate, doneOn: CivilDate?, today: CivilDate) {
        self.duty = duty
        self.eventSequence = eventSequence
        self.effectiveOn = effectiveOn
        self.dueOn = dueOn
        self.doneOn = doneOn
        self.today = today
    }

    public var isDone: Bool { doneOn != nil }

    /// Done after the due day.
    public var wasLate: Bool { doneOn.map { $0 > dueOn } ?? false }

    /// Not done, and the due day is past.
    public var isOverdue: Bool { doneOn == nil && today > dueOn }
}

/// Identifies one duty of one record, for the code that records a transfer duty as done.
public struct PersonnelDutyKey: Sendable, Hashable {
    public var duty: PersonnelDuty
    public var eventSequence: Int

    public init(duty: PersonnelDuty, eventSequence: Int) {
        self.duty = duty
        self.eventSequence = eventSequence
    }
}

extension PersonnelRecord {
    /// The duties the record's events create (art. 9–10), in event order, each due
    /// ``PersonnelDuty/workingDays`` working days after its effective day by `calendar`:
    ///
    /// - the recruitment: ``PersonnelDuty/enterNewPerson`` (10);
    /// - a move within the unit: ``PersonnelDuty/recordMoveWithinUnit`` (2);
    /// - a position, pay, allowance, seniority, training, reward, discipline or evaluation:
    ///   ``PersonnelDuty/recordStateChange`` (10);
    /// - leaving: ``PersonnelDuty/recordLeaving`` (5);
    /// - a transfer out: ``PersonnelDuty/sendTransfer`` (5) and, when the receiving body is
    ///   not the employing unit, ``PersonnelDuty/forwardTransfer`` (3).
    ///
    /// Changes the person declares (identity, personal data) have no deadline of days
    /// (art. 9.2b: the yearly declaration). An entry is done on the day (Vietnam's) its
    /// event was recorded; a transfer duty is done on the day `transfersDone` gives for it
    /// (the exchange code's record of the bundle sent or forwarded), else not yet.
    public func duties(in calendar: WorkingCalendar, today: CivilDate,
                       transfersDone: [PersonnelDutyKey: CivilDate] = [:]) -> [PersonnelDutyDeadline] {
        var result: [PersonnelDutyDeadline] = []
        for event in events.sorted(by: { $0.sequence < $1.sequence }) {
            let recorded = VietnamTime.civilDate(at: event.recordedAt)
            func owe(_ duty: PersonnelDuty, done: CivilDate?) {
                result.append(PersonnelDutyDeadline(duty: duty, eventSequence: event.sequence, effectiveOn: event.effectiveOn,
                                                    dueOn: duty.deadline(from: event.effectiveOn, in: calendar),
                                                    doneOn: done, today: today))
            }
            switch event.change {
            case .recruited:
                owe(.enterNewPerson, done: recorded)
            case .movedWithinUnit:
                owe(.recordMoveWithinUnit, done: recorded)
            case .position, .pay, .allowance, .seniorityBeyondFrame, .training, .reward, .discipline, .evaluation:
                owe(.recordStateChange, done: recorded)
            case .left:
                owe(.recordLeaving, done: recorded)
            case .transferredOut(let transfer):
                owe(.sendTransfer, done: transfersDone[PersonnelDutyKey(duty: .sendTransfer, eventSequence: event.sequence)])
                if transfer.receivingUnit != transfer.employingUnit {
                    owe(.forwardTransfer, done: transfersDone[PersonnelDutyKey(duty: .forwardTransfer, eventSequence: event.sequence)])
                }
            case .identity, .personalDetails, .transferredIn:
                break
            }
        }
        return result
    }
}
