import BaoCaoCore
import BaoCaoStore
import Foundation

/// A value a reader may or may not see: a sensitive field (``PersonnelField/isSensitive``)
/// for a reader without the `sensitive` grant is `masked`, and carries nothing of the
/// value — no page, export or log built from a view can leak it.
public enum PersonnelShown<Value: Sendable & Hashable & Encodable>: Sendable, Hashable, Encodable {
    case shown(Value)
    case masked

    public static var mask: String { "•••" }

    public var value: Value? {
        if case .shown(let value) = self { return value }
        return nil
    }

    public var isMasked: Bool { self == .masked }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .shown(let value): try container.encode(value)
        case .masked: try container.encode(Self.mask)
        }
    }
}

extension PersonnelShown where Value == String? {
    /// The text to show: the value, `—` when empty, `•••` when masked.
    public var text: String {
        switch self {
        case .shown(let value): value ?? "—"
        case .masked: Self.mask
        }
    }
}

/// The art. 8.1e data as a reader sees them: every sensitive field masked unless granted.
public struct PersonnelPersonalView: Sendable, Hashable, Encodable {
    public let ethnicity: PersonnelShown<String?>
    public let religion: PersonnelShown<String?>
    public let origin: PersonnelShown<String?>
    public let health: PersonnelShown<String?>
    public let bloodGroup: PersonnelShown<String?>
    public let maritalStatus: PersonnelShown<String?>
    public let policyGroup: PersonnelShown<String?>
    public let warInvalidRank: PersonnelShown<String?>
    /// Not sensitive.
    public let titles: [String]
    public let family: PersonnelShown<[FamilyMember]>

    init(_ personal: PersonalDetails, catalog: PersonnelCatalog?, showSensitive: Bool) {
        func shown(_ field: PersonnelField, _ code: String?, _ list: String) -> PersonnelShown<String?> {
            guard showSensitive || !field.isSensitive else { return .masked }
            return .shown(code.map { catalog?.list(list)?.entry(code: $0)?.name ?? $0 })
        }
        ethnicity = shown(.ethnicity, personal.ethnicity, "ethnicities")
        religion = shown(.religion, personal.religion, "religions")
        origin = shown(.origin, personal.origin, "origins")
        health = shown(.health, personal.health, "healthStates")
        bloodGroup = shown(.bloodGroup, personal.bloodGroup, "bloodGroups")
        maritalStatus = shown(.maritalStatus, personal.maritalStatus, "maritalStatuses")
        policyGroup = shown(.policyGroup, personal.policyGroup, "policyGroups")
        warInvalidRank = shown(.warInvalidRank, personal.warInvalidRank, "warInvalidRanks")
        titles = personal.titles.map { catalog?.list("honorificTitles")?.entry(code: $0)?.name ?? $0 }
        family = showSensitive || !PersonnelField.family.isSensitive ? .shown(personal.family) : .masked
    }
}

/// One event of the history: when, on which decision, what, and whether the unit head
/// has approved it yet.
public struct PersonnelHistoryEntry: Sendable, Hashable, Encodable {
    public let sequence: Int
    public let effectiveOn: CivilDate
    public let decision: DecisionReference?
    /// What changed, in Vietnamese (masked for a declaration the reader may not see).
    public let summary: String
    public let recordedBy: UnitCode
    public let recordedByAccount: String
    public let recordedAt: Date
    /// Waiting for the unit head's approval: not counted yet.
    public let isPending: Bool
    public let approvedBy: String?
}

/// One record as a reader sees it on a date: identity, the state that day, the personal
/// data masked as the reader's grants say, and the whole history with pending events
/// marked. What pages, the command line and exports show; built only by the service.
public struct PersonnelRecordView: Sendable, Hashable, Encodable {
    public let id: PersonnelID
    public let holding: PersonnelHolding
    public let holderUnit: UnitCode
    public let date: CivilDate
    public let fullName: String
    public let otherNames: String?
    public let birthDate: CivilDate
    public let sex: PersonIdentity.Sex
    public let nationalIDNumber: String?
    public let birthplace: String?
    public let hometown: String?
    public let residence: String?
    /// The counted state on ``date``; `nil` before the recruitment counts.
    public let status: PersonnelStatus?
    public let unit: UnitCode?
    public let section: String?
    public let kind: PersonnelKind?
    public let rank: String?
    public let rankName: String?
    public let step: Int?
    public let coefficient: ExactDecimal?
    public let positions: [String]
    public let age: Int?
    public let personal: PersonnelPersonalView
    public let history: [PersonnelHistoryEntry]
    /// Whether the reader sees the sensitive fields.
    public let showsSensitive: Bool

    public var hasPendingEvents: Bool { history.contains(where: \.isPending) }

    init(record: PersonnelRecord, row: PersonnelRecordRow, on date: CivilDate, catalog: PersonnelCatalog?, showSensitive: Bool) {
        id = record.id
        holding = row.holding
        holderUnit = row.holderUnit
        self.date = date
        let identity = record.identity
        fullName = identity.fullName
        otherNames = identity.otherNames
        birthDate = identity.birthDate
        sex = identity.sex
        nationalIDNumber = identity.nationalIDNumber
        birthplace = identity.birthplace
        hometown = identity.hometown
        residence = identity.residence
        let state = record.state(on: date)
        status = state?.status
        unit = state?.unit
        section = state?.section
        kind = state?.kind
        rank = state?.pay?.rank
        rankName = state?.pay.flatMap { catalog?.rank(code: $0.rank)?.name }
        step = state?.pay?.step
        coefficient = state?.pay?.coefficient
        positions = (state?.positions ?? []).map { PersonnelChangeText.summary(of: .position($0), catalog: catalog, showSensitive: showSensitive) }
        age = state?.age
        personal = PersonnelPersonalView(record.personal, catalog: catalog, showSensitive: showSensitive)
        history = record.events.sorted { ($0.effectiveOn, $0.sequence) < ($1.effectiveOn, $1.sequence) }.map { event in
            PersonnelHistoryEntry(sequence: event.sequence, effectiveOn: event.effectiveOn, decision: event.decision,
                                  summary: PersonnelChangeText.summary(of: event.change, catalog: catalog, showSensitive: showSensitive),
                                  recordedBy: event.recordedBy, recordedByAccount: event.recordedByAccount, recordedAt: event.recordedAt,
                                  isPending: event.approval == nil, approvedBy: event.approval?.account)
        }
        showsSensitive = showSensitive
    }
}
