/// The other data of seed 003 art. 8.1e. Everything here but the titles is sensitive
/// (``PersonnelField/isSensitive``): shown only to roles granted sensitive fields, masked
/// otherwise. Codes are from the catalog's lists named beside each field.
public struct PersonalDetails: Sendable, Hashable, Codable {
    /// `ethnicities`
    public var ethnicity: String?
    /// `religions`
    public var religion: String?
    /// Thành phần xuất thân, `origins`
    public var origin: String?
    /// `healthStates`
    public var health: String?
    /// `bloodGroups`
    public var bloodGroup: String?
    /// `maritalStatuses`
    public var maritalStatus: String?
    /// Đối tượng hưởng chính sách, `policyGroups`
    public var policyGroup: String?
    /// Hạng thương binh, `warInvalidRanks`
    public var warInvalidRank: String?
    /// Danh hiệu được phong tặng, `honorificTitles`
    public var titles: [String]
    /// Quan hệ gia đình, both sides.
    public var family: [FamilyMember]

    public init(ethnicity: String? = nil, religion: String? = nil, origin: String? = nil, health: String? = nil,
                bloodGroup: String? = nil, maritalStatus: String? = nil, policyGroup: String? = nil,
                warInvalidRank: String? = nil, titles: [String] = [], family: [FamilyMember] = []) {
        self.ethnicity = ethnicity
        self.religion = religion
        self.origin = origin
        self.health = health
        self.bloodGroup = bloodGroup
        self.maritalStatus = maritalStatus
        self.policyGroup = policyGroup
        self.warInvalidRank = warInvalidRank
        self.titles = titles
        self.family = family
    }
}

/// One relative (art. 8.1e): on the person's own side (father, mother, spouse, children,
/// siblings) or the spouse's side (father, mother, siblings).
public struct FamilyMember: Sendable, Hashable, Codable {
    public enum Side: String, Sendable, Hashable, Codable {
        case own, spouse
        public var vietnameseName: String { self == .own ? "về bản thân" : "về bên vợ (chồng)" }
    }

    public var side: Side
    /// `familyRelations`
    public var relation: String
    public var fullName: String
    public var birthYear: Int?
    /// Quê quán, nghề nghiệp, chức danh, đơn vị công tác, học tập, nơi ở: as written.
    public var details: String?

    public init(side: Side, relation: String, fullName: String, birthYear: Int? = nil, details: String? = nil) {
        self.side = side
        self.relation = relation
        self.fullName = fullName
        self.birthYear = birthYear
        self.details = details
    }
}
