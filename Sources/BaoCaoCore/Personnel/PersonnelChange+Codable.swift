/// The wire format of ``PersonnelChange``: records travel in transfer bundles and custody
/// copies, so this JSON is read by other nodes, other releases and, years later, by the
/// archive. It is one flat object whose `type` names the case, beside the fields of the
/// case's payload:
///
/// | `type` | other fields |
/// |---|---|
/// | `recruited` | those of ``Recruitment``: `unit`, `kind`, `form` (required), `section`, `position`, `source`, `work`, `pay` (an object: `rank`, `step`, `coefficient`, `form`) |
/// | `identity` | those of ``PersonIdentity``: `fullName`, `birthDate`, `sex` (required), `otherNames`, `nationalIDNumber`, `birthplace`, `hometown`, `residence` |
/// | `personalDetails` | those of ``PersonalDetails``: `titles`, `family` (required arrays), `ethnicity`, `religion`, `origin`, `health`, `bloodGroup`, `maritalStatus`, `policyGroup`, `warInvalidRank` |
/// | `position` | `category` (`government`, `party`, `massOrganisation`), `position`, `action` (`appointed`, `reappointed`, `relieved`), `termEndsOn` |
/// | `movedWithinUnit` | `section` |
/// | `pay` | `rank`, `step`, `coefficient`, `form` |
/// | `allowance` | `allowanceType`, `computation`, `amount`, `ends` |
/// | `seniorityBeyondFrame` | `percent`, `form` |
/// | `training` | `trainingType`, `level` (required), `speciality`, `diploma`, `graduation`, `institution`, `funding`, `startedOn`, `finishedOn` |
/// | `reward`, `discipline` | `form`, `reason` |
/// | `evaluation` | `year`, `rating` |
/// | `transferredOut` | `receivingUnit`, `employingUnit` |
/// | `transferredIn` | `from`, `section` |
/// | `left` | `reason` (`retired`, `resigned`, `deceased`, `outOfProvince`), `form` |
///
/// For example `{"type":"evaluation","year":2025,"rating":"htt"}` or
/// `{"type":"movedWithinUnit","section":"Văn phòng"}`. Dates are `YYYY-MM-DD`, figures
/// (coefficients, amounts) canonical decimal strings (`"2.34"`), unit codes their text;
/// a field that is absent is `nil`. Decoding is strict: an unknown `type`, a missing
/// required field, or a value of the wrong shape is a `DecodingError`, never a default.
/// The instants of ``PersonnelEvent`` (`recordedAt`, `approvedAt`) are ISO 8601:
/// encode and decode with ``PersonnelWireFormat``.
extension PersonnelChange: Codable {
    /// The `type` of each case, as written on the wire.
    public enum WireType: String, Sendable, Hashable, Codable, CaseIterable {
        case recruited, identity, personalDetails, position, movedWithinUnit, pay, allowance, seniorityBeyondFrame
        case training, reward, discipline, evaluation, transferredOut, transferredIn, left
    }

    private enum CodingKeys: String, CodingKey {
        case type, section, percent, form, year, rating, from
    }

    /// The case's `type` on the wire.
    public var wireType: WireType {
        switch self {
        case .recruited: .recruited
        case .identity: .identity
        case .personalDetails: .personalDetails
        case .position: .position
        case .movedWithinUnit: .movedWithinUnit
        case .pay: .pay
        case .allowance: .allowance
        case .seniorityBeyondFrame: .seniorityBeyondFrame
        case .training: .training
        case .reward: .reward
        case .discipline: .discipline
        case .evaluation: .evaluation
        case .transferredOut: .transferredOut
        case .transferredIn: .transferredIn
        case .left: .left
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .type)
        guard let type = WireType(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "loại thay đổi \"\(text)\" không có (cần một trong: \(WireType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        switch type {
        case .recruited: self = .recruited(try Recruitment(from: decoder))
        case .identity: self = .identity(try PersonIdentity(from: decoder))
        case .personalDetails: self = .personalDetails(try PersonalDetails(from: decoder))
        case .position: self = .position(try PositionChange(from: decoder))
        case .movedWithinUnit: self = .movedWithinUnit(section: try container.decode(String.self, forKey: .section))
        case .pay: self = .pay(try PayChange(from: decoder))
        case .allowance: self = .allowance(try AllowanceChange(from: decoder))
        case .seniorityBeyondFrame:
            self = .seniorityBeyondFrame(percent: try container.decode(Int.self, forKey: .percent),
                                         form: try container.decode(String.self, forKey: .form))
        case .training: self = .training(try Training(from: decoder))
        case .reward: self = .reward(try Distinction(from: decoder))
        case .discipline: self = .discipline(try Distinction(from: decoder))
        case .evaluation:
            self = .evaluation(year: try container.decode(Int.self, forKey: .year),
                               rating: try container.decode(String.self, forKey: .rating))
        case .transferredOut: self = .transferredOut(try TransferOut(from: decoder))
        case .transferredIn:
            self = .transferredIn(from: try container.decode(UnitCode.self, forKey: .from),
                                  section: try container.decodeIfPresent(String.self, forKey: .section))
        case .left: self = .left(try Leaving(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(wireType.rawValue, forKey: .type)
        switch self {
        case .recruited(let payload): try payload.encode(to: encoder)
        case .identity(let payload): try payload.encode(to: encoder)
        case .personalDetails(let payload): try payload.encode(to: encoder)
        case .position(let payload): try payload.encode(to: encoder)
        case .movedWithinUnit(let section): try container.encode(section, forKey: .section)
        case .pay(let payload): try payload.encode(to: encoder)
        case .allowance(let payload): try payload.encode(to: encoder)
        case .seniorityBeyondFrame(let percent, let form):
            try container.encode(percent, forKey: .percent)
            try container.encode(form, forKey: .form)
        case .training(let payload): try payload.encode(to: encoder)
        case .reward(let payload), .discipline(let payload): try payload.encode(to: encoder)
        case .evaluation(let year, let rating):
            try container.encode(year, forKey: .year)
            try container.encode(rating, forKey: .rating)
        case .transferredOut(let payload): try payload.encode(to: encoder)
        case .transferredIn(let from, let section):
            try container.encode(from, forKey: .from)
            try container.encodeIfPresent(section, forKey: .section)
        case .left(let payload): try payload.encode(to: encoder)
        }
    }
}
