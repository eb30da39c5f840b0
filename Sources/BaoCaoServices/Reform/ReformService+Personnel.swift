import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import Foundation
import GRDB

extension ReformService {
    /// The staff records leaving with a merging or retiring unit (``ReformPersonnelMove``):
    /// every person still on its roster, each record ending with the move to the successor,
    /// and the dossier sealed to the successor's readers (itself, its managing levels, the
    /// Sở Nội vụ) with their encryption certificates from the release in force — the
    /// successor's required, the others' where the release lists them.
    struct LeavingStaff {
        let move: ReformPersonnelMove
        let records: [PersonnelRecord]
        let sealed: HistoryHandoverWriter.SealedPersonnel
        let readers: [UnitCode]

        /// Keeps the records here marked transferred (art. 12.3) and records the transfer
        /// sent in `bundleId` (the handover's first batch), in the caller's transaction.
        func record(sentIn bundleId: String, today: CivilDate, at now: Date, in db: Database) throws {
            for record in records {
                try NodeStore.storePersonnelRecord(record, holder: move.former, holding: .kept, today: today, at: now, in: db)
            }
            try NodeStore.recordPersonnelTransfer(PersonnelTransferRow(
                bundleId: bundleId, direction: .sent, records: records.map(\.id), fromUnit: move.former, toUnit: move.successor,
                employingUnit: move.successor, decisionEffectiveOn: move.succession.effective, dueOn: nil, sentAt: now), in: db)
        }
    }

    /// What leaves with this node's unit for `successor`, or `nil` when it keeps nobody on
    /// its roster. Nothing is changed here.
    ///
    /// #### Errors
    /// A ``ServiceError`` in Vietnamese when the release in force carries no personnel
    /// catalog or trust list, or no encryption certificate of the successor: the records
    /// cannot go sealed, so the reform is not applied.
    func leavingStaff(to successor: ReportingUnit, former: ReportingUnit, succession: Succession, topology: Topology,
                      by actor: StaffMember, at now: Date) throws -> LeavingStaff? {
        let kept = try work.store.writer.read { db in try NodeStore.keptPersonnelRecords(holder: former.code, in: db) }
        let moving = kept.filter(ReformPersonnelMove.moves)
        guard !moving.isEmpty else { return nil }
        let sealing: PersonnelSealing
        do {
            sealing = try PersonnelSealing(work: work)
        } catch let error as ServiceError {
            throw ServiceError(error.code, message: "Đơn vị \(former.code) có \(moving.count) cán bộ phải chuyển sang \(successor.code) (\(successor.name)) mà không niêm phong được hồ sơ của họ: \(error.message) Chưa áp dụng phương án, không thay đổi gì.",
                               log: "reform apply: personnel cannot be sealed: \(error.logDescription)")
        }
        let province = ([successor] + topology.ancestors(of: successor.code)).first { $0.kind == .province }
        let move = ReformPersonnelMove(succession: succession, former: former.code, successor: successor.code,
                                       issuer: province?.name ?? successor.name)
        let leaving = moving.map { move.leaving($0, account: actor.login, name: actor.displayName, at: now) }
        // The successor must be able to open it; its managing levels and the Sở Nội vụ read it
        // too when the release lists their certificates — otherwise they take the people from
        // the successor's custody set, as after any change (a new province's Sở Nội vụ may not
        // be enrolled yet on the day of the reform).
        let readers = try sealing.readers(of: [successor.code]).filter { reader in
            try reader == successor.code || !sealing.trust.encryptionCertificates(for: reader).isEmpty
        }
        let dossier = try sealing.seal(move.dossier(leaving), to: readers)
        return LeavingStaff(move: move, records: leaving, sealed: .init(dossier: dossier, records: leaving.count), readers: readers)
    }
}
