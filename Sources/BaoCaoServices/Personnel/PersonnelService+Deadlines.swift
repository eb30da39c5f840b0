import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// One duty of art. 9–10 not done yet at this node: due, or overdue.
public struct PersonnelDutyItem: Sendable, Hashable, Encodable {
    public let id: PersonnelID
    public let eventSequence: Int
    public let duty: PersonnelDuty
    public let article: String
    public let effectiveOn: CivilDate
    public let dueOn: CivilDate
    /// Calendar days past the due date; 0 while it is not past.
    public let daysLate: Int

    public var isOverdue: Bool { daysLate > 0 }
}

/// One person's yearly supplementary declaration (art. 9.2b) and whether it was made.
public struct PersonnelDeclaration: Sendable, Hashable, Encodable {
    public let year: Int
    public let id: PersonnelID
    public let fullName: String
    public let declaredAt: Date?

    public var isOutstanding: Bool { declaredAt == nil }
}

extension PersonnelService {
    /// Every duty due or overdue at this node, most overdue first: for each event of a
    /// record kept here, the duty it sets (``PersonnelDuty``), due so many working days
    /// after the day its decision takes effect by the node's calendar, and done once the
    /// unit head has approved the event (art. 13.1: then the data is current). Lists
    /// record numbers only.
    public func dutiesDue(by actor: StaffMember, at now: Date) throws -> [PersonnelDutyItem] {
        let day = today(now)
        return try store.writer.read { db in
            try requireGrant(.read, actor, "xem hạn cập nhật hồ sơ cán bộ", in: db)
            let rows = try PersonnelRecordRow.filter(PersonnelRecordRow.Columns.holderUnit == home && PersonnelRecordRow.Columns.holding == PersonnelHolding.kept)
                .fetchAll(db)
            var items: [PersonnelDutyItem] = []
            for row in rows {
                let record = try NodeStore.decodePersonnel(row)
                for event in record.events where event.approval == nil {
                    guard let duty = PersonnelRules.duty(of: event) else { continue }
                    let due = duty.deadline(from: event.effectiveOn, in: calendar)
                    items.append(PersonnelDutyItem(id: record.id, eventSequence: event.sequence, duty: duty, article: duty.article,
                                                   effectiveOn: event.effectiveOn, dueOn: due, daysLate: Swift.max(0, due.distance(to: day))))
                }
            }
            // Records received as the receiving body, still to forward to the employing unit
            // within 3 working days (art. 10.2): one item per record, event 0 (the duty is the bundle's).
            for transfer in try NodeStore.personnelTransfers(in: db) where transfer.direction == .forwarding && transfer.forwardedAt == nil {
                guard let effective = try? CivilDate(parsing: transfer.decisionEffectiveOn),
                      let due = transfer.dueOn.flatMap({ try? CivilDate(parsing: $0) }) else { continue }
                for id in transfer.recordIDs {
                    items.append(PersonnelDutyItem(id: id, eventSequence: 0, duty: .forwardTransfer, article: PersonnelDuty.forwardTransfer.article,
                                                   effectiveOn: effective, dueOn: due, daysLate: Swift.max(0, due.distance(to: day))))
                }
            }
            return items.sorted { ($1.daysLate, $0.dueOn, $0.id, $0.eventSequence) < ($0.daysLate, $1.dueOn, $1.id, $1.eventSequence) }
        }
    }

    /// Requests the supplementary declaration for `year` from every person on this
    /// unit's roster today; returns how many were requested (none twice).
    @discardableResult
    public func requestDeclarations(year: Int, by actor: StaffMember, at now: Date) throws -> Int {
        let day = today(now)
        guard (day.year - 1...day.year + 1).contains(year) else {
            throw ServiceError(.invalidInput, message: "Năm kê khai \(year) không hợp lệ: chỉ yêu cầu cho năm nay, năm trước hoặc năm sau.",
                               log: "declaration year out of range")
        }
        return try store.writer.write { db in
            try requireGrant(.edit, actor, "yêu cầu kê khai phiếu bổ sung lý lịch", in: db)
            let spans = try NodeStore.personnelSpans(on: day, holders: [home], in: db).filter(\.status.isOnRoster)
            let before = try NodeStore.personnelDeclarations(year: year, in: db).count
            for span in spans {
                try NodeStore.addPersonnelDeclaration(PersonnelDeclarationRow(year: year, recordId: span.recordId, requestedBy: actor.login, requestedAt: now), in: db)
            }
            let added = try NodeStore.personnelDeclarations(year: year, in: db).count - before
            try AuditLog.append(db, actor: actor, action: .personnelDeclarationsRequest, object: String(year), detail: "\(added) người", at: now)
            return added
        }
    }

    /// The declarations requested, outstanding first; audited with the numbers listed.
    public func declarations(year: Int? = nil, by actor: StaffMember, at now: Date) throws -> [PersonnelDeclaration] {
        try store.writer.write { db in
            try requireGrant(.read, actor, "xem phiếu bổ sung lý lịch", in: db)
            let list = try NodeStore.personnelDeclarations(year: year, in: db).map { row in
                PersonnelDeclaration(year: row.year, id: row.recordId, fullName: try NodeStore.personnelRow(id: row.recordId, in: db)?.fullName ?? "",
                                     declaredAt: row.declaredAt)
            }
            try AuditLog.append(db, actor: actor, action: .personnelRoster, object: nil,
                                detail: "phiếu bổ sung lý lịch: " + list.map(\.id.rawValue).joined(separator: ","), at: now)
            return list
        }
    }
}
