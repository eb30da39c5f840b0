/// What one event changes. Codes name entries of the catalog's lists (``PersonnelCatalog``),
/// given beside each field as `listName`.
///
/// Its JSON is a wire format (transfer bundles, custody copies): see
/// `PersonnelChange+Codable.swift`.
public enum PersonnelChange: Sendable, Hashable {
    /// Taking up the post at a unit (art. 9.1): the record's first event.
    case recruited(Recruitment)
    /// The identity part corrected or completed.
    case identity(PersonIdentity)
    /// The art. 8.1e data, as declared (art. 9.2b: the yearly supplementary declaration).
    case personalDetails(PersonalDetails)
    /// Appointed, re-appointed, relieved of a position (government, Party, mass organisation).
    case position(PositionChange)
    /// To another section of the same unit (art. 10.1).
    case movedWithinUnit(section: String)
    /// Rank, grade, step and coefficient (ngạch, bậc, hệ số): a raise or a change of rank.
    case pay(PayChange)
    /// An allowance starting or ending.
    case allowance(AllowanceChange)
    /// Seniority beyond the frame (thâm niên vượt khung), percent.
    case seniorityBeyondFrame(percent: Int, form: String)
    case training(Training)
    case reward(Distinction)
    case discipline(Distinction)
    /// The yearly evaluation (art. 5.2k).
    case evaluation(year: Int, rating: String)
    /// Leaving this unit for another (art. 10.2).
    case transferredOut(TransferOut)
    /// Arriving from another unit with the record (art. 10.2).
    case transferredIn(from: UnitCode, section: String?)
    /// Retired, resigned, deceased, or transferred out of the province (art. 10.3).
    case left(Leaving)
}

public struct Recruitment: Sendable, Hashable, Codable {
    public var unit: UnitCode
    /// Phòng, ban, bộ phận: as named in the unit's organisation.
    public var section: String?
    public var kind: PersonnelKind
    /// `recruitmentForms`, `recruitmentPositions`, `recruitmentSources`
    public var form: String
    public var position: String?
    public var source: String?
    /// Công việc chuyên môn đang làm, `professionalWork`
    public var work: String?
    public var pay: PayChange?

    public init(unit: UnitCode, section: String? = nil, kind: PersonnelKind, form: String, position: String? = nil,
                source: String? = nil, work: String? = nil, pay: PayChange? = nil) {
        self.unit = unit
        self.section = section
        self.kind = kind
        self.form = form
        self.position = position
        self.source = source
        self.work = work
        self.pay = pay
    }
}

public struct PositionChange: Sendable, Hashable, Codable {
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        /// `governmentPositions`
        case government
        /// `partyPositions`
        case party
        /// `massOrganisationPositions`
        case massOrganisation
    }

    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case appointed, reappointed, relieved
        public var vietnameseName: String {
            switch self {
            case .appointed: "bổ nhiệm"
            case .reappointed: "bổ nhiệm lại"
            case .relieved: "thôi giữ chức vụ"
            }
        }
    }

    public var category: Category
    public var position: String
    public var action: Action
    /// The end of the term, for appointments with one (5 years for most leaders).
    public var termEndsOn: CivilDate?

    public init(category: Category, position: String, action: Action, termEndsOn: CivilDate? = nil) {
        self.category = category
        self.position = position
        self.action = action
        self.termEndsOn = termEndsOn
    }
}

public struct PayChange: Sendable, Hashable, Codable {
    /// `ranks` (ngạch / chức danh nghề nghiệp): its group and pay table come from the catalog.
    public var rank: String
    /// Bậc, from 1.
    public var step: Int
    /// Hệ số lương, exact: the catalog's coefficient for the rank and step.
    public var coefficient: ExactDecimal
    /// `raiseForms`: regular, early, change of rank …
    public var form: String?

    public init(rank: String, step: Int, coefficient: ExactDecimal, form: String? = nil) {
        self.rank = rank
        self.step = step
        self.coefficient = coefficient
        self.form = form
    }
}

public struct AllowanceChange: Sendable, Hashable, Codable {
    /// `allowanceTypes`
    public var type: String
    /// `allowanceComputations`: a coefficient of the base pay, a percent of pay …
    public var computation: String
    /// The coefficient or percent, exact.
    public var amount: ExactDecimal
    /// Whether the allowance ends here rather than starts.
    public var ends: Bool

    /// On the wire `type` is `allowanceType`: `type` names the change (``PersonnelChange``).
    private enum CodingKeys: String, CodingKey {
        case type = "allowanceType", computation, amount, ends
    }

    public init(type: String, computation: String, amount: ExactDecimal, ends: Bool = false) {
        self.type = type
        self.computation = computation
        self.amount = amount
        self.ends = ends
    }
}

public struct Training: Sendable, Hashable, Codable {
    /// `trainingTypes` (chính quy, tại chức …)
    public var type: String
    /// `specialities`
    public var speciality: String?
    /// `trainingLevels`: professional (tiến sĩ … sơ cấp), political theory, state management,
    /// foreign language, IT — the list's entries say which track each level is on.
    public var level: String
    /// `diplomaTypes`, `graduationForms`, `institutions`, `fundingSources`
    public var diploma: String?
    public var graduation: String?
    public var institution: String?
    public var funding: String?
    public var startedOn: CivilDate?
    public var finishedOn: CivilDate?

    /// On the wire `type` is `trainingType`: `type` names the change (``PersonnelChange``).
    private enum CodingKeys: String, CodingKey {
        case type = "trainingType", speciality, level, diploma, graduation, institution, funding, startedOn, finishedOn
    }

    public init(type: String, speciality: String? = nil, level: String, diploma: String? = nil, graduation: String? = nil,
                institution: String? = nil, funding: String? = nil, startedOn: CivilDate? = nil, finishedOn: CivilDate? = nil) {
        self.type = type
        self.speciality = speciality
        self.level = level
        self.diploma = diploma
        self.graduation = graduation
        self.institution = institution
        self.funding = funding
        self.startedOn = startedOn
        self.finishedOn = finishedOn
    }
}

/// A reward or a discipline: `rewardForms` / `emulationTitles` or `disciplineForms`.
public struct Distinction: Sendable, Hashable, Codable {
    public var form: String
    public var reason: String?

    public init(form: String, reason: String? = nil) {
        self.form = form
        self.reason = reason
    }
}

/// Leaving a unit for another (art. 10.2). The receiving body (cơ quan, đơn vị mới) may be
/// the employing unit itself or a body above it that forwards the record (within 3
/// working days) to the unit that will employ the person.
public struct TransferOut: Sendable, Hashable, Codable {
    public var receivingUnit: UnitCode
    public var employingUnit: UnitCode

    public init(receivingUnit: UnitCode, employingUnit: UnitCode) {
        self.receivingUnit = receivingUnit
        self.employingUnit = employingUnit
    }
}

public struct Leaving: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case retired, resigned, deceased, outOfProvince
        public var status: PersonnelStatus {
            switch self {
            case .retired: .retired
            case .resigned: .resigned
            case .deceased: .deceased
            case .outOfProvince: .transferred
            }
        }
    }

    public var reason: Reason
    /// `retirementForms`, for a retirement.
    public var form: String?

    public init(reason: Reason, form: String? = nil) {
        self.reason = reason
        self.form = form
    }
}
