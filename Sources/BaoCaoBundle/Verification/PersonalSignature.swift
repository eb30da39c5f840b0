import BaoCaoCore
import Foundation

/// A person's signature on a bundle, beside the unit's, as the verifier found it: who
/// signed, as what, and when — checked against the persons' trust anchors, the
/// certificate's non-repudiation usage, its validity at the signing time, revocation, and
/// the release's registration of that person for the sending unit in that role.
public struct PersonalSignature: Sendable {
    public let person: RegisteredPerson
    /// The role the signature stands for (approver on a report, aggregator on a decision).
    public let role: RegisteredPerson.Role
    public let certificate: Certificate
    /// The chain from the person's certificate to a person anchor.
    public let chain: [Certificate]
    public let signingTime: Date

    /// Who signed, as what, and when, as people read it: "Nguyễn Văn An, Thủ trưởng đơn vị
    /// (lãnh đạo phê duyệt), ký lúc 14:05 05/12/2026".
    public var summary: String {
        "\(person.name), \(person.title) (\(role.displayName)), ký lúc \(VietnamTime.displayText(signingTime))"
    }
}
