/// The number of one person's record (mã hồ sơ), given where the record is first entered
/// and kept for life: it travels with the record through every transfer, so the units the
/// person passes through, the managing levels and the Sở Nội vụ all name the same record.
///
/// It is not the citizen identity number (that is personal data, inside the record): the
/// number alone tells nobody who the person is, so it may appear in a bundle's labels,
/// the audit log and URLs.
public struct PersonnelID: TextRepresentable, Comparable {
    /// `HS-` then 20 lowercase hexadecimal digits.
    public let rawValue: String

    /// Reads a record number.
    ///
    /// #### Errors
    /// ``CoreError/Code/invalidPersonnelID`` naming the text.
    public init(parsing text: String) throws {
        let digits = text.utf8.dropFirst(3)
        guard text.hasPrefix("HS-"), digits.count == 20,
              digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw CoreError(.invalidPersonnelID, message: "Mã hồ sơ \"\(text)\" không hợp lệ: mã hồ sơ gồm \"HS-\" và 20 chữ số thập lục phân (0–9, a–f).",
                            log: "invalid personnel id")
        }
        rawValue = text
    }

    /// A new number, drawn from `generator` (the system's random source in use; a seeded
    /// one for synthetic staff).
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> PersonnelID {
        let hex = (0..<20).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }.joined()
        return PersonnelID(unchecked: "HS-" + hex)
    }

    public static func random() -> PersonnelID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    private init(unchecked rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: PersonnelID, rhs: PersonnelID) -> Bool { lhs.rawValue < rhs.rawValue }
}
