import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// What recruiting a person takes (seed 003 art. 9.1): who they are, how they were
/// recruited, the decision, and the day they took up the post (the decision's effective
/// day unless given).
public struct PersonnelRecruitmentInput: Sendable, Hashable, Codable {
    public var identity: PersonIdentity
    public var personal: PersonalDetails
    public var recruitment: Recruitment
    public var decision: DecisionReference
    public var takingUpOn: CivilDate?

    public init(identity: PersonIdentity, personal: PersonalDetails = PersonalDetails(), recruitment: Recruitment,
                decision: DecisionReference, takingUpOn: CivilDate? = nil) {
        self.identity = identity
        self.personal = personal
        self.recruitment = recruitment
        self.decision = decision
        self.takingUpOn = takingUpOn
    }
}

/// One change to enter on a record: from which day, on which decision.
public struct PersonnelEventInput: Sendable, Hashable, Codable {
    public var effectiveOn: CivilDate?
    public var decision: DecisionReference?
    public var change: PersonnelChange

    public init(effectiveOn: CivilDate? = nil, decision: DecisionReference? = nil, change: PersonnelChange) {
        self.effectiveOn = effectiveOn
        self.decision = decision
        self.change = change
    }
}

extension PersonnelService {
    /// A new record from the recruitment (art. 9.1), kept here, its first event pending
    /// until the unit head approves it. Checked against the catalog in force; nothing is
    /// stored when anything is wrong. Returns the new record's number.
    public func recruit(_ input: PersonnelRecruitmentInput, by actor: StaffMember, at now: Date) throws -> PersonnelID {
        guard input.recruitment.unit == home else {
            throw ServiceError(.invalidInput, message: "Đơn vị tuyển dụng \(input.recruitment.unit) không phải đơn vị của nút này (\(home)): hồ sơ được lập tại đơn vị sử dụng cán bộ.",
                               log: "recruitment for another unit")
        }
        let catalog = try catalog()
        let topology = try store.topology()
        let id = PersonnelID.random()
        let event = PersonnelEvent(sequence: 1, effectiveOn: input.takingUpOn ?? input.decision.effectiveOn, decision: input.decision,
                                   change: .recruited(input.recruitment), recordedBy: home, recordedByAccount: actor.login, recordedAt: now)
        let record = PersonnelRecord(id: id, identity: input.identity.normalized, personal: input.personal, events: [event])
        try PersonnelRules.check(record, catalog: catalog, topology: topology, today: today(now))
        try store.writer.write { db in
            try requireGrant(.edit, actor, "lập hồ sơ cán bộ", in: db)
            try NodeStore.storePersonnelRecord(record, holder: home, holding: .kept, today: today(now), at: now, in: db)
            try AuditLog.append(db, actor: actor, action: .personnelRecruit, object: id.rawValue,
                                detail: "quyết định \(input.decision.number)", at: now)
        }
        return id
    }

    /// Enters a change on a record kept here, pending until the unit head approves it
    /// (art. 13.1). A `personalDetails` event marks the person's outstanding yearly
    /// declarations declared. Returns the event's sequence number.
    @discardableResult
    public func addEvent(to id: PersonnelID, _ input: PersonnelEventInput, by actor: StaffMember, at now: Date) throws -> Int {
        let catalog = try catalog()
        let topology = try store.topology()
        return try store.writer.write { db in
            try requireGrant(.edit, actor, "cập nhật hồ sơ cán bộ", in: db)
            var record = try keptRecord(id, in: db)
            let sequence = (record.events.map(\.sequence).max() ?? 0) + 1
            guard let effectiveOn = input.effectiveOn ?? input.decision?.effectiveOn else {
                throw ServiceError(.invalidInput, message: "Thiếu ngày có hiệu lực của thay đổi (hoặc quyết định có ngày hiệu lực).",
                                   log: "event without effective day")
            }
            let event = PersonnelEvent(sequence: sequence, effectiveOn: effectiveOn, decision: input.decision, change: input.change,
                                       recordedBy: home, recordedByAccount: actor.login, recordedAt: now)
            try PersonnelRules.check(event, for: record, catalog: catalog, topology: topology)
            record.events.append(event)
            try NodeStore.storePersonnelRecord(record, holder: home, holding: .kept, today: today(now), at: now, in: db)
            if case .personalDetails = input.change {
                try NodeStore.markPersonnelDeclared(recordId: id, sequence: sequence, at: now, in: db)
            }
            try AuditLog.append(db, actor: actor, action: .personnelEvent, object: id.rawValue,
                                detail: "sự kiện \(sequence): \(PersonnelChangeText.kind(of: input.change))", at: now)
            return sequence
        }
    }

    /// The unit head approves the pending events of a record (art. 13.1), or only those
    /// numbered in `sequences`: from then they count in the state and the statistics.
    /// The identity and personal details an approved event carries become the record's.
    @discardableResult
    public func approve(_ id: PersonnelID, sequences: [Int]? = nil, by actor: StaffMember, at now: Date) throws -> [Int] {
        guard actor.roles.contains(.approver) else {
            throw ServiceError(.forbidden, message: "\(actor.displayName) không phải thủ trưởng đơn vị (vai trò lãnh đạo): chỉ thủ trưởng duyệt dữ liệu hồ sơ cán bộ (Điều 13 khoản 1).",
                               log: "\(actor.login) may not approve personnel")
        }
        return try store.writer.write { db in
            var record = try keptRecord(id, in: db)
            let pending = record.events.filter { $0.approval == nil && (sequences?.contains($0.sequence) ?? true) }.map(\.sequence)
            if let sequences, let unknown = Set(sequences).subtracting(pending).sorted().first {
                throw ServiceError(.notFound, message: "Hồ sơ \(id) không có sự kiện số \(unknown) đang chờ duyệt.", log: "no pending event \(unknown)")
            }
            guard !pending.isEmpty else {
                throw ServiceError(.illegalTransition, message: "Hồ sơ \(id) không có thay đổi nào chờ duyệt.", log: "nothing pending")
            }
            let approval = PersonnelApproval(account: actor.login, name: actor.displayName, approvedAt: now)
            for index in record.events.indices where pending.contains(record.events[index].sequence) {
                record.events[index].approval = approval
                switch record.events[index].change {
                case .identity(let identity): record.identity = identity
                case .personalDetails(let personal): record.personal = personal
                default: break
                }
            }
            try NodeStore.storePersonnelRecord(record, holder: home, holding: .kept, today: today(now), at: now, in: db)
            try AuditLog.append(db, actor: actor, action: .personnelApprove, object: id.rawValue,
                                detail: "duyệt sự kiện " + pending.map(String.init).joined(separator: ", "), at: now)
            return pending
        }
    }

    /// Corrects or completes the identity part (họ tên, ngày sinh …): an event of its own,
    /// pending until approved, so the record shows what it said before.
    @discardableResult
    public func correctIdentity(of id: PersonnelID, to identity: PersonIdentity, by actor: StaffMember, at now: Date) throws -> Int {
        try addEvent(to: id, PersonnelEventInput(effectiveOn: today(now), change: .identity(identity.normalized)), by: actor, at: now)
    }

    /// Records the person's declared personal details (art. 9.2b, the yearly
    /// supplementary declaration).
    @discardableResult
    public func declarePersonalDetails(of id: PersonnelID, _ personal: PersonalDetails, by actor: StaffMember, at now: Date) throws -> Int {
        try addEvent(to: id, PersonnelEventInput(effectiveOn: today(now), change: .personalDetails(personal)), by: actor, at: now)
    }
}

extension PersonIdentity {
    /// Names in NFC, trimmed.
    var normalized: PersonIdentity {
        var identity = self
        identity.fullName = fullName.nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        identity.otherNames = otherNames?.nfc
        identity.birthplace = birthplace?.nfc
        identity.hometown = hometown?.nfc
        identity.residence = residence?.nfc
        return identity
    }
}
