/// A record's state on one day: the fold of its approved events effective on or before it
/// (``PersonnelRecord/state(on:includingPending:)``). What the roster, the curriculum vitae
/// and the statistics read.
public struct PersonnelState: Sendable, Hashable {
    public var date: CivilDate
    public var status: PersonnelStatus
    /// The unit whose roster the person is on (or was last on, after leaving).
    public var unit: UnitCode
    public var section: String?
    public var kind: PersonnelKind
    public var recruitment: Recruitment
    public var recruitedOn: CivilDate
    /// The positions held that day, by category.
    public var positions: [PositionChange]
    public var pay: PayChange?
    /// Allowances in force that day.
    public var allowances: [AllowanceChange]
    public var seniorityBeyondFramePercent: Int?
    /// Trainings finished by that day, in order.
    public var trainings: [Training]
    public var rewards: [Distinction]
    public var disciplines: [Distinction]
    /// Evaluations by year.
    public var evaluations: [Int: String]
    /// The person's age in whole years that day.
    public var age: Int

    public init(date: CivilDate, status: PersonnelStatus, unit: UnitCode, section: String?, kind: PersonnelKind,
                recruitment: Recruitment, recruitedOn: CivilDate, positions: [PositionChange] = [], pay: PayChange? = nil,
                allowances: [AllowanceChange] = [], seniorityBeyondFramePercent: Int? = nil, trainings: [Training] = [],
                rewards: [Distinction] = [], disciplines: [Distinction] = [], evaluations: [Int: String] = [:], age: Int) {
        self.date = date
        self.status = status
        self.unit = unit
        self.section = section
        self.kind = kind
        self.recruitment = recruitment
        self.recruitedOn = recruitedOn
        self.positions = positions
        self.pay = pay
        self.allowances = allowances
        self.seniorityBeyondFramePercent = seniorityBeyondFramePercent
        self.trainings = trainings
        self.rewards = rewards
        self.disciplines = disciplines
        self.evaluations = evaluations
        self.age = age
    }
}
