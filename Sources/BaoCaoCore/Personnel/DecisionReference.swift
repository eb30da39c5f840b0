/// The written decision a change rests on (seed 003 art. 9.2a, 10): its number, the day it
/// was signed, who issued it, and the day it takes effect — from which every deadline of
/// art. 9–10 is counted.
public struct DecisionReference: Sendable, Hashable, Codable {
    /// The decision's number and symbol as written, e.g. `125/QĐ-UBND`.
    public var number: String
    public var signedOn: CivilDate
    /// The issuing body, as written (`UBND huyện Lạc Sơn`).
    public var issuer: String
    public var effectiveOn: CivilDate

    public init(number: String, signedOn: CivilDate, issuer: String, effectiveOn: CivilDate) {
        self.number = number
        self.signedOn = signedOn
        self.issuer = issuer
        self.effectiveOn = effectiveOn
    }
}
