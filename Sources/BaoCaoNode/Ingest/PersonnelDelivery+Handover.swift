import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

extension PersonnelDelivery {
    /// The staff records a history handover carries (``ReformPersonnelMove``): the former
    /// unit's people, now employed here. Opened with this node's encryption identity, read
    /// strictly, bound to the handover (a transfer from the handing unit to this one, on the
    /// succession's resolution and first day) and every record checked against the personnel
    /// catalog in force and the map in force joined with the former units — all before
    /// anything is stored; any problem throws, naming it, and the whole batch is refused.
    ///
    /// What it stores, in the handover's commit: each record kept here with its history and
    /// its arrival (``ReformPersonnelMove/arrived(_:at:)``), and the transfer received. A
    /// record already kept here is left as it is, so the records never double.
    ///
    /// Returns `nil` when the handover carries no records (`personnelRecords` absent and no
    /// sealed part).
    func handedOver(_ handover: VerifiedBundle, content: HistoryHandover, succession: Succession, now: Date,
                    refuse: @escaping (String) -> BundleError) throws -> DatabaseChange? {
        let sealed = handover.part(HistoryHandover.personnelPath)
        guard let count = content.personnelRecords else {
            guard sealed == nil else {
                throw refuse("gói có tệp hồ sơ cán bộ niêm phong \(HistoryHandover.personnelPath) mà \(HistoryHandover.partPath) không ghi")
            }
            return nil
        }
        guard let sealed else {
            throw refuse("\(HistoryHandover.partPath) ghi \(count) hồ sơ cán bộ nhưng gói không có tệp \(HistoryHandover.personnelPath)")
        }
        guard let catalog else {
            throw refuse("nút này chưa có danh mục hồ sơ cán bộ trong bản phát hành đang áp dụng, nên không kiểm tra được \(count) hồ sơ cán bộ của đơn vị \(content.former) kèm theo; hãy nhận bản phát hành mới của tỉnh rồi nhập lại")
        }
        var checking = self
        checking.catalog = catalog
        checking.topology = try succession.topology(joining: topology ?? Topology(units: []))
        let prefix = "hồ sơ cán bộ của đơn vị \(content.former) kèm theo"
        let dossier: PersonnelDossier
        do {
            dossier = try checking.read(sealed, expecting: .transfer, in: .historyHandover, sender: handover.manifest.sender, recipient: home) {
                refuse("\(prefix): \(Self.reason($0))")
            }
        } catch let error as BundleError where error.code == .handoverRefused {
            throw error
        } catch let error as any CodedError {
            throw refuse("\(prefix): \(Self.reason(error.message))")
        }
        guard let order = dossier.transfer else { throw refuse("\(prefix): thiếu quyết định chuyển") }
        let move = ReformPersonnelMove(succession: succession, former: content.former, successor: home, issuer: order.decision.issuer)
        if let refusal = move.refusal(of: dossier) { throw refuse("\(prefix): \(Self.reason(refusal.message))") }
        guard dossier.records.count == count else {
            throw refuse("\(prefix): \(HistoryHandover.partPath) ghi \(count) hồ sơ, tệp niêm phong có \(dossier.records.count)")
        }
        let (bundleId, home, today) = (handover.id, home, VietnamTime.civilDate(at: now))
        return { db in
            var arrived: [PersonnelID] = []
            for record in dossier.records {
                if let row = try NodeStore.personnelRow(id: record.id, in: db), row.holding == .kept, row.holderUnit == home { continue }
                try NodeStore.storePersonnelRecord(move.arrived(record, at: now), holder: home, holding: .kept, sourceBundleId: bundleId,
                                                   today: today, at: now, in: db)
                arrived.append(record.id)
            }
            guard !arrived.isEmpty else { return }
            try NodeStore.recordPersonnelTransfer(PersonnelTransferRow(
                bundleId: bundleId, direction: .received, records: arrived, fromUnit: move.former, toUnit: home, employingUnit: home,
                decisionEffectiveOn: succession.effective, dueOn: nil, receivedAt: now), in: db)
        }
    }

    /// An inner error's message as a reason within the batch's refusal: without its own
    /// closing "Không lưu hồ sơ nào." and full stop.
    static func reason(_ message: String) -> String {
        var text = message
        for ending in [" Không lưu hồ sơ nào.", "."] where text.hasSuffix(ending) { text.removeLast(ending.count) }
        return text
    }
}
