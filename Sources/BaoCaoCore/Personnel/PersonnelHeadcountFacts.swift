/// What the statistics need to know of one person on the reference date: one small value
/// per person, which the store can read from its rows (the state in force that day, and
/// the sex, birth date and ethnicity of the record) without folding the record again.
///
/// - `status`: the status that day; only those on the roster (``PersonnelStatus/isOnRoster``) count.
/// - `kind`: cán bộ, công chức, viên chức, hợp đồng, that day.
/// - `sex`, `birthDate`: from the identity (the age is counted on the reference date).
/// - `ethnicity`: the `ethnicities` code, or `nil` (counted in no ethnicity group).
/// - `rank`: the `ranks` code of the pay in force that day, or `nil`.
/// - `trainingLevels`: the `trainingLevels` codes of the trainings finished by that day,
///   any order, repeats allowed.
public struct PersonnelHeadcountFacts: Sendable, Hashable {
    public var status: PersonnelStatus
    public var kind: PersonnelKind
    public var sex: PersonIdentity.Sex
    public var birthDate: CivilDate
    public var ethnicity: String?
    public var rank: String?
    public var trainingLevels: [String]

    public init(status: PersonnelStatus, kind: PersonnelKind, sex: PersonIdentity.Sex, birthDate: CivilDate,
                ethnicity: String?, rank: String?, trainingLevels: [String]) {
        self.status = status
        self.kind = kind
        self.sex = sex
        self.birthDate = birthDate
        self.ethnicity = ethnicity
        self.rank = rank
        self.trainingLevels = trainingLevels
    }

    /// The facts of a state and the record it is the state of.
    public init(state: PersonnelState, identity: PersonIdentity, personal: PersonalDetails) {
        self.init(status: state.status, kind: state.kind, sex: identity.sex, birthDate: identity.birthDate,
                  ethnicity: personal.ethnicity, rank: state.pay?.rank, trainingLevels: state.trainings.map(\.level))
    }

    /// The facts of `record` on `date` (counted events only), or `nil` before its recruitment.
    public init?(record: PersonnelRecord, on date: CivilDate) {
        guard let state = record.state(on: date) else { return nil }
        self.init(state: state, identity: record.identity, personal: record.personal)
    }
}
