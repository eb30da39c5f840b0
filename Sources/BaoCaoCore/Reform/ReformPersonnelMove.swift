import Foundation

/// Staff records moving with their unit across a reform (issue 20: "a merged commune's
/// records go to its successor sealed, as a transfer would"): the people on a former
/// unit's roster are employed by its successor from the succession's first day, on the
/// province's resolution itself (``Succession/basis``), not on a decision of either unit.
///
/// It is a transfer (seed 003 art. 10.2) whose receiving body and employing unit are the
/// successor: each record leaving ends with ``PersonnelChange/transferredOut(_:)`` on
/// ``decision`` (the former unit keeps it, marked transferred, art. 12.3), and the
/// successor appends ``PersonnelChange/transferredIn(from:section:)`` when it arrives. The
/// records travel as a ``PersonnelDossier/transfer(_:scans:order:)`` sealed inside the
/// first ``HistoryHandover`` batch (``HistoryHandover/personnelRecords``).
public struct ReformPersonnelMove: Sendable, Hashable {
    public let succession: Succession
    /// The unit of the old map whose node hands its records over.
    public let former: UnitCode
    /// The unit of the new map that employs the people from ``Succession/effective``.
    public let successor: UnitCode
    /// Who issued the resolution, as written: the province of the new map.
    public let issuer: String

    public init(succession: Succession, former: UnitCode, successor: UnitCode, issuer: String) {
        self.succession = succession
        self.former = former
        self.successor = successor
        self.issuer = issuer.nfc
    }

    /// The decision the move rests on: the succession's legal basis, signed and in force
    /// on its first day, issued by the province.
    public var decision: DecisionReference {
        DecisionReference(number: succession.basis, signedOn: succession.effective, issuer: issuer, effectiveOn: succession.effective)
    }

    /// The same decision as it applies to a record whose move is recorded on `day` (a node
    /// that applied the reform late, after later events): an event and its decision take
    /// effect on the same day.
    public func decision(on day: CivilDate) -> DecisionReference {
        var decision = decision
        decision.effectiveOn = day
        return decision
    }

    /// The successor both receives the records and employs the people: nothing to forward.
    public var destination: TransferOut {
        TransferOut(receivingUnit: successor, employingUnit: successor)
    }

    public var order: PersonnelTransferOrder {
        PersonnelTransferOrder(from: former, decision: decision, destination: destination)
    }

    /// Whether the person of `record` moves: still on the former unit's roster once every
    /// event entered is counted (pending ones too: the successor's head approves them
    /// there). Those who left before stay on file at the former unit (art. 12.3).
    public static func moves(_ record: PersonnelRecord) -> Bool {
        guard let last = record.events.map(\.effectiveOn).max() else { return false }
        return record.state(on: last, includingPending: true)?.status.isOnRoster ?? false
    }

    /// The day the move takes effect on `record`: the succession's first day, or the day of
    /// the record's last event when one was entered later (a node that applied the reform
    /// late), so the move is the last thing on the record either way.
    public func movesOn(_ record: PersonnelRecord) -> CivilDate {
        max(succession.effective, record.events.map(\.effectiveOn).max() ?? succession.effective)
    }

    /// The record as it leaves the former unit: its history, then the move, approved by
    /// whoever applied the reform at the former unit's node.
    public func leaving(_ record: PersonnelRecord, account: String, name: String, at now: Date) -> PersonnelRecord {
        var record = record
        record.events.append(PersonnelEvent(
            sequence: Self.nextSequence(of: record), effectiveOn: movesOn(record), decision: decision(on: movesOn(record)),
            change: .transferredOut(destination), recordedBy: former, recordedByAccount: account, recordedAt: now,
            approval: PersonnelApproval(account: account, name: name, approvedAt: now)))
        return record
    }

    /// The record as the successor keeps it: its history, then the arrival on the same day
    /// as the move. It is counted at once — the people are the successor's by the
    /// resolution, with no decision of the unit for its head to approve.
    public func arrived(_ record: PersonnelRecord, at now: Date) -> PersonnelRecord {
        var record = record
        let on = record.events.last.map(\.effectiveOn) ?? succession.effective
        record.events.append(PersonnelEvent(
            sequence: Self.nextSequence(of: record), effectiveOn: on, decision: decision(on: on),
            change: .transferredIn(from: former, section: nil), recordedBy: successor, recordedByAccount: "node", recordedAt: now,
            approval: PersonnelApproval(account: "node", name: "Theo \(succession.basis)", approvedAt: now)))
        return record
    }

    /// The sealed content: the records leaving, each ending with the move.
    public func dossier(_ leaving: [PersonnelRecord]) -> PersonnelDossier {
        .transfer(leaving, order: order)
    }

    /// Why a dossier handed over under this succession may not be taken, or `nil`: it must
    /// be a transfer of the handing unit to the successor the succession names for it, on
    /// the succession's own resolution and first day.
    public func refusal(of dossier: PersonnelDossier) -> CoreError? {
        guard dossier.kind == .transfer, let order = dossier.transfer else {
            return .dossierMismatch("hồ sơ bàn giao khi sắp xếp đơn vị phải là hồ sơ chuyển công tác", log: "handover dossier of kind \(dossier.kind)")
        }
        guard order.from == former, order.destination == destination, succession.handoverRecipient(of: former) == successor else {
            return .dossierMismatch("hồ sơ chuyển từ \(order.from) tới \(order.destination.employingUnit), không phải từ \(former) tới đơn vị kế thừa của nó theo phương án sắp xếp",
                                    log: "handover dossier \(order.from)→\(order.destination.employingUnit), expected \(former)→\(successor)")
        }
        guard order.decision.number == succession.basis, order.decision.effectiveOn == succession.effective else {
            return .dossierMismatch("quyết định chuyển \"\(order.decision.number)\" không phải căn cứ của phương án sắp xếp (\(succession.basis), từ ngày \(succession.effective.vietnameseText))",
                                    log: "handover dossier on another decision")
        }
        return nil
    }

    static func nextSequence(of record: PersonnelRecord) -> Int {
        (record.events.map(\.sequence).max() ?? 0) + 1
    }
}
