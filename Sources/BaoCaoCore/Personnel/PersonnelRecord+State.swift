extension PersonnelRecord {
    /// The events that count: approved ones (art. 13.1), or every one when
    /// `includingPending` (what the unit's own staff see while entering).
    public func countedEvents(includingPending: Bool = false) -> [PersonnelEvent] {
        events.filter { includingPending || $0.approval != nil }
    }

    /// The recruitment the record starts with, approved or not.
    public var recruitment: (event: PersonnelEvent, recruitment: Recruitment)? {
        for event in events {
            if case .recruited(let recruitment) = event.change { return (event, recruitment) }
        }
        return nil
    }

    /// The state on `date`: the fold of the counted events effective on or before it, in
    /// effective-date order (sequence order within a day). `nil` before the recruitment
    /// takes effect, or when the recruitment is not yet counted.
    public func state(on date: CivilDate, includingPending: Bool = false) -> PersonnelState? {
        let counted = countedEvents(includingPending: includingPending)
            .filter { $0.effectiveOn <= date }
            .sorted { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }
        guard let first = counted.first, case .recruited(let recruitment) = first.change else { return nil }
        var state = PersonnelState(
            date: date, status: .working, unit: recruitment.unit, section: recruitment.section, kind: recruitment.kind,
            recruitment: recruitment, recruitedOn: first.effectiveOn, pay: recruitment.pay,
            age: identity.birthDate.wholeYears(until: date))
        for event in counted.dropFirst() {
            state.apply(event)
        }
        return state
    }

    /// The days on which the counted state changes, each with the state from that day on,
    /// in order: what the store keeps so that a roster or a statistics table on any date is
    /// one query (the age is the only thing that changes between them, and is computed
    /// from the birth date where it is needed).
    public func stateChanges(includingPending: Bool = false) -> [PersonnelState] {
        let days = Set(countedEvents(includingPending: includingPending).map(\.effectiveOn)).sorted()
        return days.compactMap { state(on: $0, includingPending: includingPending) }
    }
}

extension PersonnelState {
    mutating func apply(_ event: PersonnelEvent) {
        switch event.change {
        case .recruited:
            break  // a second recruitment event is refused by validation; the first one stands
        case .identity, .personalDetails:
            break  // kept on the record itself, not in the dated state
        case .position(let change):
            positions.removeAll { $0.category == change.category && ($0.position == change.position || change.action != .relieved) }
            if change.action != .relieved { positions.append(change) }
        case .movedWithinUnit(let newSection):
            section = newSection
            status = .movedWithinUnit
        case .pay(let change):
            pay = change
        case .allowance(let change):
            allowances.removeAll { $0.type == change.type }
            if !change.ends { allowances.append(change) }
        case .seniorityBeyondFrame(let percent, _):
            seniorityBeyondFramePercent = percent
        case .training(let training):
            trainings.append(training)
        case .reward(let reward):
            rewards.append(reward)
        case .discipline(let discipline):
            disciplines.append(discipline)
        case .evaluation(let year, let rating):
            evaluations[year] = rating
        case .transferredOut:
            status = .transferred  // ``unit`` stays the unit left: the roster it was last on
            positions = []
        case .transferredIn(let from, let newSection):
            _ = from
            status = .working
            unit = event.recordedBy
            section = newSection
        case .left(let leaving):
            status = leaving.reason.status
            positions = []
            allowances = []
        }
    }
}

extension CivilDate {
    /// Whole years from this date to `date` (an age), 0 if `date` is earlier.
    public func wholeYears(until date: CivilDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return Swift.max(0, years)
    }
}
