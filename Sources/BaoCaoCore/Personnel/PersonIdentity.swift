/// Who the person is (the first part of the curriculum vitae form): not sensitive in the
/// sense of art. 8.1e, but personal data all the same, shown only to those who may read
/// the record.
public struct PersonIdentity: Sendable, Hashable, Codable {
    public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
        case male, female
        public var vietnameseName: String { self == .male ? "Nam" : "Nữ" }
    }

    /// Họ và tên khai sinh, NFC.
    public var fullName: String
    /// Tên gọi khác.
    public var otherNames: String?
    public var birthDate: CivilDate
    public var sex: Sex
    /// Số định danh cá nhân / căn cước: 12 digits.
    public var nationalIDNumber: String?
    /// Nơi sinh, quê quán, nơi ở hiện nay: as written.
    public var birthplace: String?
    public var hometown: String?
    public var residence: String?

    public init(fullName: String, otherNames: String? = nil, birthDate: CivilDate, sex: Sex,
                nationalIDNumber: String? = nil, birthplace: String? = nil, hometown: String? = nil, residence: String? = nil) {
        self.fullName = fullName
        self.otherNames = otherNames
        self.birthDate = birthDate
        self.sex = sex
        self.nationalIDNumber = nationalIDNumber
        self.birthplace = birthplace
        self.hometown = hometown
        self.residence = residence
    }
}
