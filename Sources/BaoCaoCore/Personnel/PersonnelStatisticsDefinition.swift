/// What the headcount statistics count (seed 003 art. 5.2c, 16; Thông tư 11/2012/TT-BNV as
/// amended by 06/2019, Thông tư 07/2019/TT-BNV): the regime and form version the values
/// are reported under, and for each indicator of the form the people it counts. It is the
/// `statistics` section of the personnel catalog, so a newer circular is a release.
public struct PersonnelStatisticsDefinition: Sendable, Hashable, Codable {
    /// The regime the values are reported under (`CBCCVC-TK`), in the report catalog.
    public var regime: RegimeCode
    /// Its form's code and version, in the report catalog.
    public var form: String
    public var formVersion: Int
    /// ``PersonnelCatalogSource/id`` of the circular the form follows.
    public var source: String
    public var indicators: [PersonnelStatisticsIndicator]

    public init(regime: RegimeCode, form: String, formVersion: Int, source: String, indicators: [PersonnelStatisticsIndicator]) {
        self.regime = regime
        self.form = form
        self.formVersion = formVersion
        self.source = source
        self.indicators = indicators
    }

    /// The day the values are counted on for `period`: the last day of the regime's
    /// cut-off window (31 December for the yearly regime, whose window is the calendar year).
    public static func referenceDate(for period: Period, regime: Regime) -> CivilDate {
        regime.effectiveCutOff.window(for: period).to
    }

    func problems(in catalog: PersonnelCatalog) -> [String] {
        var problems: [String] = []
        if !catalog.sources.contains(where: { $0.id == source }) {
            problems.append("thống kê dẫn nguồn \(source) không có trong sources")
        }
        let rankGroups = Set(catalog.list("rankGroups")?.entries.map(\.code) ?? [])
        let levels = catalog.list("trainingLevels")?.entries ?? []
        var seen: Set<String> = []
        for indicator in indicators {
            let code = indicator.code
            if !seen.insert(code).inserted { problems.append("thống kê: chỉ tiêu \(code) được khai báo hai lần") }
            if !Catalog.isValidCode(code) { problems.append("thống kê: mã chỉ tiêu \"\(code)\" không hợp lệ") }
            let filter = indicator.filter
            for group in filter.rankGroups ?? [] where !rankGroups.contains(group) {
                problems.append("thống kê, chỉ tiêu \(code): nhóm ngạch \(group) không có trong danh mục rankGroups")
            }
            for group in filter.ethnicityGroups ?? [] where !PersonnelCatalog.ethnicityGroups.contains(group) {
                problems.append("thống kê, chỉ tiêu \(code): nhóm dân tộc \(group) không hợp lệ")
            }
            if let from = filter.ageFrom, let to = filter.ageTo, from > to {
                problems.append("thống kê, chỉ tiêu \(code): tuổi từ \(from) lớn hơn tuổi đến \(to)")
            }
            if let training = filter.training {
                let track = levels.filter { $0.group == training.track }
                if track.isEmpty {
                    problems.append("thống kê, chỉ tiêu \(code): danh mục trainingLevels không có nhóm \(training.track)")
                }
                for level in training.highest ?? [] where !track.contains(where: { $0.code == level }) {
                    problems.append("thống kê, chỉ tiêu \(code): trình độ \(level) không thuộc nhóm \(training.track)")
                }
                if (training.highest == nil) == (training.none != true) {
                    problems.append("thống kê, chỉ tiêu \(code): điều kiện đào tạo cần đúng một trong hai: highest hoặc none: true")
                }
            }
        }
        return problems
    }
}

/// One indicator of the statistics form and whom it counts.
public struct PersonnelStatisticsIndicator: Sendable, Hashable, Codable {
    /// The indicator's code in the report catalog (`NS.CC.NU`).
    public var code: String
    public var filter: PersonnelHeadcountFilter

    public init(code: String, filter: PersonnelHeadcountFilter) {
        self.code = code
        self.filter = filter
    }
}

/// Whom an indicator counts among the people on the roster on the reference date: every
/// condition given must hold (an empty filter counts everyone); a list condition holds when
/// any of its values does. Unknown keys are refused, so a misspelt condition never widens
/// a count silently.
public struct PersonnelHeadcountFilter: Sendable, Hashable, Codable {
    public var kinds: [PersonnelKind]?
    public var sex: PersonIdentity.Sex?
    /// Age in whole years on the reference date, both ends included.
    public var ageFrom: Int?
    public var ageTo: Int?
    /// `kinh`, `thieu-so`: the group of the person's `ethnicities` entry.
    public var ethnicityGroups: [String]?
    /// Codes of `rankGroups`: the group of the rank of the person's current pay.
    public var rankGroups: [String]?
    public var training: PersonnelTrainingCondition?

    public init(kinds: [PersonnelKind]? = nil, sex: PersonIdentity.Sex? = nil, ageFrom: Int? = nil, ageTo: Int? = nil,
                ethnicityGroups: [String]? = nil, rankGroups: [String]? = nil, training: PersonnelTrainingCondition? = nil) {
        self.kinds = kinds
        self.sex = sex
        self.ageFrom = ageFrom
        self.ageTo = ageTo
        self.ethnicityGroups = ethnicityGroups
        self.rankGroups = rankGroups
        self.training = training
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case kinds, sex, ageFrom, ageTo, ethnicityGroups, rankGroups, training
    }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.refuseUnknown(CodingKeys.self, in: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kinds: try c.decodeIfPresent([PersonnelKind].self, forKey: .kinds),
                  sex: try c.decodeIfPresent(PersonIdentity.Sex.self, forKey: .sex),
                  ageFrom: try c.decodeIfPresent(Int.self, forKey: .ageFrom),
                  ageTo: try c.decodeIfPresent(Int.self, forKey: .ageTo),
                  ethnicityGroups: try c.decodeIfPresent([String].self, forKey: .ethnicityGroups),
                  rankGroups: try c.decodeIfPresent([String].self, forKey: .rankGroups),
                  training: try c.decodeIfPresent(PersonnelTrainingCondition.self, forKey: .training))
    }
}

/// A condition on the highest level a person has reached on one track of `trainingLevels`
/// (the entries' `group`: `chuyen-mon`, `ly-luan-chinh-tri`, `quan-ly-nha-nuoc` …). Within
/// a track the list's order is the order of levels, highest first.
public struct PersonnelTrainingCondition: Sendable, Hashable, Codable {
    public var track: String
    /// The highest level reached is one of these codes.
    public var highest: [String]?
    /// `true`: no level reached on the track.
    public var none: Bool?

    public init(track: String, highest: [String]? = nil, none: Bool? = nil) {
        self.track = track
        self.highest = highest
        self.none = none
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case track, highest, none }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.refuseUnknown(CodingKeys.self, in: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(track: try c.decode(String.self, forKey: .track),
                  highest: try c.decodeIfPresent([String].self, forKey: .highest),
                  none: try c.decodeIfPresent(Bool.self, forKey: .none))
    }
}

/// Refuses keys a type does not know, for data whose misspelt key would otherwise be
/// silently ignored.
enum StrictKeys {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func refuseUnknown<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type, in decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(
                forKey: unknown, in: container,
                debugDescription: "trường \"\(unknown.stringValue)\" không có (chỉ có: \(Keys.allCases.map(\.stringValue).joined(separator: ", ")))")
        }
    }
}
