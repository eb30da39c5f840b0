/// One person's record (hồ sơ điện tử, seed 003 art. 5.2, 8.1): the identity and the
/// personal data as last declared, and every dated change. It lives in the node of the
/// unit that employs the person and moves with them (``PersonnelChange/transferredOut(_:)``).
public struct PersonnelRecord: Sendable, Hashable, Codable, Identifiable {
    public var id: PersonnelID
    public var identity: PersonIdentity
    public var personal: PersonalDetails
    /// In ``PersonnelEvent/sequence`` order; the first is ``PersonnelChange/recruited(_:)``.
    public var events: [PersonnelEvent]

    public init(id: PersonnelID, identity: PersonIdentity, personal: PersonalDetails = PersonalDetails(),
                events: [PersonnelEvent]) {
        self.id = id
        self.identity = identity
        self.personal = personal
        self.events = events
    }
}
