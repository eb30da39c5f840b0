/// The headcount tables the Sở Nội vụ reports (seed 003 art. 5.2c, 16), computed from the
/// roster on a reference date as the values of a report of the catalog's statistics regime
/// (``PersonnelStatisticsDefinition``), so they go up, are accepted and consolidated like
/// any report.
///
/// People are first grouped by what the filters can ask (kind, sex, age, ethnicity group,
/// rank group, highest level on each training track); each indicator then adds up the
/// groups it counts. 40,000 people make a few thousand groups at most.
public struct PersonnelStatistics: Sendable {
    public let catalog: PersonnelCatalog
    public let definition: PersonnelStatisticsDefinition

    private let rankGroup: [String: String]
    private let ethnicityGroup: [String: String]
    private let tracks: [String]
    /// Level code → its track's index and its place on the track (0 = highest).
    private let levels: [String: (track: Int, order: Int)]

    /// #### Errors
    /// ``CoreError/Code/invalidPersonnelCatalog`` when the catalog has no `statistics` section.
    public init(catalog: PersonnelCatalog) throws {
        guard let definition = catalog.statistics else {
            throw CoreError(.invalidPersonnelCatalog, message: "Danh mục nhân sự chưa có phần thống kê (statistics).",
                            log: "personnel catalog without statistics")
        }
        self.catalog = catalog
        self.definition = definition
        rankGroup = Dictionary(catalog.ranks.map { ($0.code, $0.group) }, uniquingKeysWith: { first, _ in first })
        ethnicityGroup = Dictionary((catalog.list("ethnicities")?.entries ?? []).compactMap { entry in entry.group.map { (entry.code, $0) } },
                                    uniquingKeysWith: { first, _ in first })
        var tracks: [String] = []
        var levels: [String: (track: Int, order: Int)] = [:]
        var orderInTrack: [Int] = []
        for entry in catalog.list("trainingLevels")?.entries ?? [] {
            guard let group = entry.group else { continue }
            let track = tracks.firstIndex(of: group) ?? {
                tracks.append(group)
                orderInTrack.append(0)
                return tracks.count - 1
            }()
            levels[entry.code] = (track, orderInTrack[track])
            orderInTrack[track] += 1
        }
        self.tracks = tracks
        self.levels = levels
    }

    /// One convenience call: the values of every indicator of the catalog's statistics for
    /// the people of `facts` on `date`.
    public static func values(for facts: some Sequence<PersonnelHeadcountFacts>, on date: CivilDate,
                              catalog: PersonnelCatalog) throws -> [String: ExactDecimal] {
        try PersonnelStatistics(catalog: catalog).values(for: facts, on: date)
    }

    /// The value of every indicator of the statistics (zero where nobody counts), by
    /// indicator code: how many of the people in `facts` who are on the roster on `date`
    /// each indicator's filter counts.
    public func values(for facts: some Sequence<PersonnelHeadcountFacts>, on date: CivilDate) -> [String: ExactDecimal] {
        var groups: [Profile: Int] = [:]
        for person in facts where person.status.isOnRoster {
            groups[profile(of: person, on: date), default: 0] += 1
        }
        var values: [String: ExactDecimal] = [:]
        for indicator in definition.indicators {
            var count = 0
            for (profile, people) in groups where matches(indicator.filter, profile) { count += people }
            values[indicator.code] = ExactDecimal(count)
        }
        return values
    }

    /// What a filter can ask of one person.
    private struct Profile: Hashable {
        var kind: PersonnelKind
        var sex: PersonIdentity.Sex
        var age: Int
        var ethnicityGroup: String?
        var rankGroup: String?
        /// By track: the place of the highest level reached, or -1.
        var highest: [Int]
    }

    private func profile(of person: PersonnelHeadcountFacts, on date: CivilDate) -> Profile {
        var highest = Array(repeating: -1, count: tracks.count)
        for code in person.trainingLevels {
            guard let level = levels[code] else { continue }
            if highest[level.track] < 0 || level.order < highest[level.track] { highest[level.track] = level.order }
        }
        return Profile(kind: person.kind, sex: person.sex, age: person.birthDate.wholeYears(until: date),
                       ethnicityGroup: person.ethnicity.flatMap { ethnicityGroup[$0] },
                       rankGroup: person.rank.flatMap { rankGroup[$0] }, highest: highest)
    }

    private func matches(_ filter: PersonnelHeadcountFilter, _ profile: Profile) -> Bool {
        if let kinds = filter.kinds, !kinds.contains(profile.kind) { return false }
        if let sex = filter.sex, sex != profile.sex { return false }
        if let from = filter.ageFrom, profile.age < from { return false }
        if let to = filter.ageTo, profile.age > to { return false }
        if let groups = filter.ethnicityGroups, !groups.contains(where: { $0 == profile.ethnicityGroup }) { return false }
        if let groups = filter.rankGroups, !groups.contains(where: { $0 == profile.rankGroup }) { return false }
        if let training = filter.training {
            guard let track = tracks.firstIndex(of: training.track) else { return false }
            let reached = profile.highest[track]
            if training.none == true { return reached < 0 }
            guard reached >= 0, let codes = training.highest else { return false }
            return codes.contains { levels[$0].map { $0.track == track && $0.order == reached } ?? false }
        }
        return true
    }
}
