import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import GRDB

/// Personnel records leaving this node as sealed bundles (seed 003 art. 7.3, 10.2, 12.4):
/// a transfer out to the receiving body, a received transfer forwarded to the employing
/// unit, and the unit's complete set sent for custody to the Sở Nội vụ. Each is sealed
/// (CMS AuthEnvelopedData) to the units that may read the records — their encryption
/// certificates from the release in force — signed with the unit's key, queued like any
/// bundle, and recorded with its audit entry in one transaction; a reader without an
/// encryption certificate stops it before anything changes.
public struct PersonnelTransferService: Sendable {
    public let work: NodeWork

    public init(work: NodeWork) {
        self.work = work
    }

    /// Transfers the person `id` kept here (art. 10.2): appends ``PersonnelChange/transferredOut(_:)``
    /// on `decision` (the record stays kept here, marked transferred), seals the record to
    /// the readers of the receiving body's and the employing unit's records, and sends it
    /// to the receiving body. The unit's custody set goes with it (as after every approved
    /// change), so its managing levels and the Sở Nội vụ learn of the move from the unit
    /// that kept the record — what lets the new unit's custody take over their copy.
    /// Returns the transfer bundle's id.
    @discardableResult
    public func transferOut(_ id: PersonnelID, to destination: TransferOut, decision: DecisionReference,
                            by actor: StaffMember, at now: Date) throws -> String {
        try require(actor, .approveReport, "chuyển hồ sơ cán bộ đi đơn vị khác")
        let context = try PersonnelSealing(work: work)
        for unit in [destination.receivingUnit, destination.employingUnit] where context.topology.unit(code: unit) == nil {
            throw ServiceError(.notFound, message: "Không có đơn vị mã \(unit) trong danh sách đơn vị đang áp dụng; không chuyển được hồ sơ. Không thay đổi gì.",
                               log: "transfer to unknown unit \(unit)")
        }
        guard destination.employingUnit != work.home, destination.receivingUnit != work.home else {
            throw ServiceError(.invalidInput, message: "Không chuyển hồ sơ tới chính đơn vị mình (\(work.home)).", log: "transfer to itself")
        }
        guard !decision.number.trimmingCharacters(in: .whitespaces).isEmpty, !decision.issuer.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceError(.invalidInput, message: "Thiếu số quyết định hoặc cơ quan ban hành quyết định chuyển.", log: "transfer without decision")
        }
        let today = VietnamTime.civilDate(at: now)
        let record = try keptRecord(id)
        if let status = record.state(on: max(today, decision.effectiveOn), includingPending: true)?.status, !status.isOnRoster {
            throw ServiceError(.illegalTransition, message: "Hồ sơ \(id) đang ở trạng thái \"\(status.vietnameseName)\": chỉ chuyển được người đang công tác.",
                               log: "transfer of \(id) in status \(status)")
        }
        guard decision.effectiveOn >= (record.recruitment?.event.effectiveOn ?? decision.effectiveOn) else {
            throw CoreError.personnel(.impossiblePersonnelDate, field: "Ngày có hiệu lực", "trước ngày tuyển dụng")
        }
        var leaving = record
        leaving.events.append(PersonnelEvent(
            sequence: (record.events.map(\.sequence).max() ?? 0) + 1, effectiveOn: decision.effectiveOn, decision: decision,
            change: .transferredOut(destination), recordedBy: work.home, recordedByAccount: actor.login, recordedAt: now,
            approval: PersonnelApproval(account: actor.login, name: actor.displayName, approvedAt: now)))
        let order = PersonnelTransferOrder(from: work.home, decision: decision, destination: destination)
        let dossier = PersonnelDossier.transfer([leaving], order: order)
        let readers = context.readers(of: [destination.receivingUnit, destination.employingUnit])
        let made = try context.send(dossier, kind: .transfer, to: destination.receivingUnit, sealedTo: readers, at: now)
        let custody = context.access.authority == work.home ? nil : try custodySet(context, with: leaving, at: now)
        let home = work.home
        try work.store.writer.write { db in
            try NodeStore.storePersonnelRecord(leaving, holder: home, holding: .kept, today: today, at: now, in: db)
            try made.bundle.insert(db)
            for delivery in made.deliveries { try delivery.insert(db) }
            try custody?.record(db, by: actor)
            try NodeStore.recordPersonnelTransfer(PersonnelTransferRow(
                bundleId: made.id, direction: .sent, records: [id], fromUnit: home, toUnit: destination.receivingUnit,
                employingUnit: destination.employingUnit, decisionEffectiveOn: decision.effectiveOn,
                dueOn: PersonnelDuty.sendTransfer.deadline(from: decision.effectiveOn, in: work.runtime.calendar), sentAt: now), in: db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("personnel.transfer"), object: "personnel:\(id)",
                                detail: "bundle \(made.id) to \(destination.receivingUnit), employing \(destination.employingUnit), sealed to \(readers.map(\.rawValue).joined(separator: ","))",
                                at: now)
        }
        return made.id
    }

    /// Forwards a transfer this node received as the receiving body to the employing unit
    /// (art. 10.2, within 3 working days): the same dossier, sealed again to the employing
    /// unit's readers. Returns the new bundle's id.
    @discardableResult
    public func forward(_ bundleId: String, by actor: StaffMember, at now: Date) throws -> String {
        try require(actor, .approveReport, "chuyển tiếp hồ sơ cán bộ")
        guard let transfer = try work.store.writer.read({ db in try NodeStore.personnelTransfer(bundleId: bundleId, in: db) }),
              transfer.direction == .forwarding else {
            throw ServiceError(.notFound, message: "Không có gói chuyển giao hồ sơ \(bundleId.prefix(16)) đang chờ đơn vị này chuyển tiếp.",
                               log: "no transfer \(bundleId) to forward")
        }
        guard transfer.forwardedAt == nil else {
            throw ServiceError(.illegalTransition, message: "Gói chuyển giao hồ sơ \(bundleId.prefix(16)) đã được chuyển tiếp tới đơn vị \(transfer.employingUnit).",
                               log: "transfer \(bundleId) already forwarded")
        }
        let context = try PersonnelSealing(work: work)
        let dossier = try context.openReceived(bundleId)
        let made = try context.send(dossier, kind: .transfer, to: transfer.employingUnit,
                                    sealedTo: context.readers(of: [transfer.employingUnit]), at: now)
        try work.store.writer.write { db in
            try made.bundle.insert(db)
            for delivery in made.deliveries { try delivery.insert(db) }
            try NodeStore.markPersonnelTransferForwarded(bundleId: bundleId, forwardBundleId: made.id, at: now, in: db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("personnel.forward"), object: "bundle:\(bundleId)",
                                detail: "forwarded as \(made.id) to \(transfer.employingUnit): \(transfer.records)", at: now)
        }
        return made.id
    }

    /// Sends the unit's complete current set of kept records — those who left included —
    /// for custody (art. 7.3, 12.4), sealed to its managing levels and the Sở Nội vụ and
    /// addressed to the Sở Nội vụ, numbered one more than the last sent. Returns the
    /// bundle's id.
    @discardableResult
    public func sendCustody(by actor: StaffMember, at now: Date) throws -> String {
        try require(actor, .sendReport, "gửi hồ sơ cán bộ lưu giữ")
        let context = try PersonnelSealing(work: work)
        guard context.access.authority != work.home else {
            throw ServiceError(.invalidInput, message: "Đơn vị \(work.home) là cơ quan lưu giữ hồ sơ cán bộ của tỉnh; không gửi lưu giữ cho chính mình.",
                               log: "custody from the authority itself")
        }
        let custody = try custodySet(context, at: now)
        try work.store.writer.write { db in try custody.record(db, by: actor) }
        return custody.made.id
    }

    /// Sends custody (``sendCustody(by:at:)``) when a kept record changed after the last
    /// custody set went — what `baocao serve` does on its own, so the Sở Nội vụ's copy stays
    /// current without anyone remembering to (art. 12.4). Returns the bundle's id, or `nil`
    /// when nothing changed, nothing is kept, this node is the Sở Nội vụ, or the release in
    /// force does not yet carry the personnel catalog and the readers' encryption certificates;
    /// nor at a node whose unit merged or ended in a reform (``NodeReformState``): its people
    /// went to its successor, whose custody the Sở Nội vụ takes from then on.
    @discardableResult
    public func sendCustodyIfChanged(at now: Date) throws -> String? {
        let home = work.home
        if try NodeReformState.load(from: work.store)?.isRetired == true { return nil }
        let (changedAt, last) = try work.store.writer.read { db in
            (try NodeStore.latestKeptPersonnelChange(holder: home, in: db), try NodeStore.personnelCustody(of: home, in: db))
        }
        guard let changedAt, last.map({ changedAt > $0.at }) ?? true else { return nil }
        guard let context = try? PersonnelSealing(work: work), context.access.authority != home else { return nil }
        let custody = try custodySet(context, at: now)
        try work.store.writer.write { db in try custody.record(db, by: .node) }
        return custody.made.id
    }

    /// The unit's complete set of kept records — with `changed` in place of the version
    /// held, when given — sealed and signed, numbered one more than the last sent.
    private func custodySet(_ context: PersonnelSealing, with changed: PersonnelRecord? = nil, at now: Date) throws -> CustodySet {
        let home = work.home
        var (records, last) = try work.store.writer.read { db in
            (try NodeStore.keptPersonnelRecords(holder: home, in: db), try NodeStore.personnelCustody(of: home, in: db)?.sequence ?? 0)
        }
        if let changed { records = records.filter { $0.id != changed.id } + [changed] }
        let dossier = PersonnelDossier.custody(records, holder: home, sequence: last + 1)
        let readers = context.access.readers(ofRecordsAt: home).filter { $0 != home }
        let made = try context.send(dossier, kind: .recordsCustody, to: context.access.authority, sealedTo: readers, at: now)
        return CustodySet(made: made, row: PersonnelCustodyRow(holderUnit: home, sequence: last + 1, bundleId: made.id, recordCount: records.count, at: now),
                          readers: readers)
    }

    /// The transfers this node took part in, newest decision first, each with whether the
    /// step this node owes is overdue.
    public func transfers(by actor: StaffMember) throws -> [PersonnelTransferRow] {
        try require(actor, .read, "xem danh sách chuyển giao hồ sơ")
        return try work.store.writer.read { db in try NodeStore.personnelTransfers(in: db) }
    }

    /// The transfers whose step this node owes — sending (5 working days) or forwarding
    /// (3) — is past its day and not done: the transfer part of the personnel overdue list.
    public func overdueTransfers(by actor: StaffMember, at now: Date) throws -> [PersonnelTransferRow] {
        let today = VietnamTime.civilDate(at: now)
        return try transfers(by: actor).filter { $0.isOverdue(today: today) }
    }

    /// A custody set signed and written, for its caller's transaction to record.
    private struct CustodySet {
        let made: NodeWork.MadeBundle
        let row: PersonnelCustodyRow
        let readers: [UnitCode]

        func record(_ db: Database, by actor: StaffMember) throws {
            try made.bundle.insert(db)
            for delivery in made.deliveries { try delivery.insert(db) }
            try NodeStore.recordPersonnelCustodySent(row, in: db)
            try AuditLog.append(db, actor: actor.login, action: AuditAction("personnel.custody"), object: "unit:\(row.holderUnit)",
                                detail: "custody \(row.sequence) of \(row.recordCount) records as \(made.id), sealed to \(readers.map(\.rawValue).joined(separator: ","))",
                                at: row.at)
        }
    }

    private func keptRecord(_ id: PersonnelID) throws -> PersonnelRecord {
        let home = work.home
        return try work.store.writer.read { db in
            guard let row = try NodeStore.personnelRow(id: id, in: db), row.holding == .kept, row.holderUnit == home,
                  let record = try NodeStore.personnelRecord(id: id, in: db) else {
                throw ServiceError(.notFound, message: "Đơn vị \(home) không quản lý hồ sơ \(id); chỉ đơn vị quản lý hồ sơ mới chuyển được.",
                                   log: "record \(id) not kept here")
            }
            return record
        }
    }
}
