import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// A unit's staffing quota (biên chế, art. 5.2d) beside its count on the roster.
public struct PersonnelQuotaCount: Sendable, Hashable, Encodable {
    public let unit: UnitCode
    /// The section the quota is for; `nil` for the whole unit.
    public let section: String?
    public let quota: Int
    public let counted: Int
    public let decisionNumber: String
    public let decisionDate: CivilDate

    /// Positive when more people are on the roster than the quota allows.
    public var overQuota: Int { counted - quota }
}

extension PersonnelService {
    /// Sets the staffing quota of this node's unit, or of one of its sections, on the
    /// decision it rests on. Needs the `edit` grant; audited.
    public func setQuota(section: String? = nil, headcount: Int, decisionNumber: String, decisionDate: CivilDate,
                         by actor: StaffMember, at now: Date) throws {
        let number = decisionNumber.nfc.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !number.isEmpty else {
            throw ServiceError(.invalidInput, message: "Thiếu số quyết định giao biên chế (--decision).", log: "quota without decision")
        }
        guard headcount >= 0 else {
            throw ServiceError(.invalidInput, message: "Số biên chế \(headcount) không hợp lệ: cần là số không âm.", log: "negative quota")
        }
        guard decisionDate <= today(now) else {
            throw ServiceError(.invalidInput, message: "Ngày quyết định giao biên chế \(decisionDate.personnelDisplayText) sau ngày hôm nay.", log: "quota decision in the future")
        }
        let sectionCode = section?.nfc.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        try store.writer.write { db in
            try requireGrant(.edit, actor, "giao biên chế", in: db)
            try NodeStore.setPersonnelQuota(PersonnelQuotaRow(unit: home, section: sectionCode, headcount: headcount, decisionNumber: number,
                                                              decisionDate: decisionDate, setBy: actor.login, setAt: now), in: db)
            try AuditLog.append(db, actor: actor, action: .personnelQuota, object: sectionCode.isEmpty ? home.rawValue : "\(home.rawValue)/\(sectionCode)",
                                detail: "\(headcount) biên chế; quyết định \(number) ngày \(decisionDate.personnelDisplayText)", at: now)
        }
    }

    /// Each unit's quotas with the count on the roster lines given.
    func quotaCounts(units: [UnitCode], working: [PersonnelRosterLine], in db: Database) throws -> [PersonnelQuotaCount] {
        try units.flatMap { unit in
            try NodeStore.personnelQuotas(unit: unit, in: db).map { quota in
                let counted = working.filter { $0.unit == unit && (quota.section.isEmpty || $0.section == quota.section) }.count
                return PersonnelQuotaCount(unit: unit, section: quota.section.isEmpty ? nil : quota.section, quota: quota.headcount,
                                           counted: counted, decisionNumber: quota.decisionNumber, decisionDate: quota.decisionDate)
            }
        }
    }
}
