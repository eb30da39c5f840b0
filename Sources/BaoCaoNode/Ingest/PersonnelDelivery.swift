import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// What a transfer or custody bundle (seed 003 art. 10.2, 12.4) puts in this node's
/// database: opened with the node's encryption identity when it is sealed to it, read
/// strictly, bound to the bundle that carries it (``PersonnelDossier/refusal(sender:recipient:)``),
/// then stored — all before anything is, so a bundle that does not open or read is
/// refused whole. A node the dossier is not sealed to carries it unread.
struct PersonnelDelivery: Sendable {
    /// The node's encryption identity (its key and encryption certificate); without one it
    /// opens nothing, and a transfer addressed to it is refused.
    let encryption: SigningIdentity?
    /// The node's working calendar, for the forwarding deadline.
    let calendar: WorkingCalendar
    let home: UnitCode
    /// The personnel catalog in force, if the province's release carries one: every
    /// record that arrives is checked against it (and the topology) like one entered here.
    var catalog: PersonnelCatalog?
    var topology: Topology?

    /// A transfer or custody bundle addressed to this node.
    func deliver(_ bundle: VerifiedBundle, now: Date) throws -> DatabaseChange {
        let dossier = try open(bundle, required: true)!
        let (id, today) = (bundle.id, VietnamTime.civilDate(at: now))
        switch dossier.kind {
        case .custody:
            return { db in _ = try Self.replaceCopies(dossier, bundleId: id, today: today, at: now, in: db) }
        case .transfer:
            let order = dossier.transfer!
            let employing = order.destination.employingUnit == home
            let calendar = calendar
            let home = home
            return { db in
                for record in dossier.records {
                    if employing {
                        try NodeStore.storePersonnelRecord(Self.arrived(record, order: order, at: home, now: now), holder: home, holding: .kept,
                                                           sourceBundleId: id, today: today, at: now, in: db)
                    } else if try NodeStore.personnelRow(id: record.id, in: db)?.holding != .kept {
                        try NodeStore.storePersonnelRecord(record, holder: order.from, holding: .copy, sourceBundleId: id,
                                                           today: today, at: now, in: db)
                    }
                }
                let effective = order.decision.effectiveOn
                try NodeStore.recordPersonnelTransfer(PersonnelTransferRow(
                    bundleId: id, direction: employing ? .received : .forwarding, records: dossier.records.map(\.id),
                    fromUnit: order.from, toUnit: order.destination.receivingUnit, employingUnit: order.destination.employingUnit,
                    decisionEffectiveOn: effective,
                    dueOn: employing ? nil : PersonnelDuty.forwardTransfer.deadline(from: effective, in: calendar),
                    receivedAt: now), in: db)
            }
        }
    }

    /// A custody bundle passing through: opened and its holder's copies replaced when this
    /// node is among its readers (a managing level on the way), carried unread otherwise.
    func relay(_ bundle: VerifiedBundle, now: Date) throws -> DatabaseChange? {
        guard bundle.manifest.kind == .recordsCustody, let dossier = try open(bundle, required: false) else { return nil }
        let (id, today) = (bundle.id, VietnamTime.civilDate(at: now))
        return { db in _ = try Self.replaceCopies(dossier, bundleId: id, today: today, at: now, in: db) }
    }

    /// The dossier, opened and checked; `nil` when it is not sealed to this node and need
    /// not be (`required` false).
    private func open(_ bundle: VerifiedBundle, required: Bool) throws -> PersonnelDossier? {
        guard let sealed = bundle.part(PartRule.sealedDossierPath) else { throw Self.refusal("thiếu tệp \(PartRule.sealedDossierPath)") }
        if !required {
            guard let encryption, try SealedEnvelope.isSealed(sealed, for: encryption.certificate) else { return nil }
        }
        let expectedKind: PersonnelDossier.Kind = bundle.manifest.kind == .transfer ? .transfer : .custody
        // A forwarded or relayed bundle is bound to its own recipient; a custody bundle to its holder.
        let recipient = bundle.manifest.recipient.unit ?? home
        return try read(sealed, expecting: expectedKind, in: bundle.manifest.kind, sender: bundle.manifest.sender, recipient: recipient)
    }

    /// A sealed dossier that `sender` addressed to `recipient` in a bundle of `carrier`
    /// kind: opened with this node's encryption identity, read strictly, its scans checked,
    /// bound to the bundle (``PersonnelDossier/refusal(sender:recipient:)``) and every
    /// record checked against the catalog in force and ``topology``. `refuse` makes the
    /// error of a reason found here.
    func read(_ sealed: Data, expecting expectedKind: PersonnelDossier.Kind, in carrier: BundleKind, sender: UnitCode, recipient: UnitCode,
              refuse: (String) -> BundleError = PersonnelDelivery.refusal) throws -> PersonnelDossier {
        guard let encryption else {
            throw refuse("nút này chưa có khóa giải mã của đơn vị (mục encryption trong tệp cấu hình), nên không mở được hồ sơ gửi tới nó")
        }
        let dossier = try PersonnelDossier(jsonData: try SealedEnvelope.open(sealed, with: encryption))
        try dossier.checkScans(digest: SHA256Digest.hex(of:))
        guard dossier.kind == expectedKind else { throw refuse("gói \(carrier.vietnameseName) lại chứa hồ sơ loại khác") }
        if let refusal = dossier.refusal(sender: sender, recipient: recipient) { throw refusal }
        if let catalog {
            for record in dossier.records {
                do {
                    try catalog.validate(record, topology: topology)
                } catch let error as CoreError {
                    throw refuse("hồ sơ \(record.id) không đúng danh mục đang dùng — \(error.message)")
                }
            }
        }
        return dossier
    }

    private static func replaceCopies(_ dossier: PersonnelDossier, bundleId: String, today: CivilDate, at now: Date,
                                      in db: Database) throws -> PersonnelCustodyOutcome {
        let custody = dossier.custody!
        return try NodeStore.replacePersonnelCopies(of: custody.holder, with: dossier.records, sequence: custody.sequence,
                                                    bundleId: bundleId, today: today, at: now, in: db)
    }

    /// The record as the employing unit keeps it: its history, then the arrival, pending
    /// the unit head's approval like any event (art. 13.1).
    static func arrived(_ record: PersonnelRecord, order: PersonnelTransferOrder, at home: UnitCode, now: Date) -> PersonnelRecord {
        var record = record
        record.events.append(PersonnelEvent(
            sequence: (record.events.map(\.sequence).max() ?? 0) + 1, effectiveOn: order.decision.effectiveOn, decision: order.decision,
            change: .transferredIn(from: order.from, section: nil), recordedBy: home, recordedByAccount: "node", recordedAt: now))
        return record
    }

    static func refusal(_ reason: String) -> BundleError {
        BundleError(.invalidManifest, message: "Gói hồ sơ cán bộ bị từ chối: \(reason). Không lưu hồ sơ nào.", log: "personnel delivery: \(reason)")
    }
}
