import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Opens a history handover addressed to this node (``HistoryHandover``, the 2025 reform):
/// every original it carries is verified in full on its own — signature, chain, the signer
/// registered for its sender, revocation judged as of when the handing node received it
/// (a certificate revoked at the reform leaves what it signed before valid), and the
/// acceptance table of the old map the succession keeps — and must be an exchange of the
/// handing unit's former subtree. One original that fails refuses the whole batch, and
/// nothing of it is stored.
///
/// What it stores is each original byte for byte, never re-signed: its bundle row and
/// file, and its report rows under the former unit's code — a report kept as received,
/// then marked accepted or returned by the receiver's decision that came with it — plus
/// the handing node's audit head as an anchor for the former unit. Originals already held
/// (a province holds its districts' archive copies) are checked and left as they are.
///
/// The first batch of a node that kept staff records carries them sealed: they are opened,
/// checked and kept here as the successor's people (``PersonnelDelivery/handedOver(_:content:succession:now:refuse:)``);
/// a record that does not hold refuses the batch like a forged original.
struct HistoryHandoverIntake {
    let trust: NodeTrust
    let store: NodeStore
    let home: UnitCode
    /// Opens the staff records the first batch may carry sealed (``ReformPersonnelMove``).
    let personnel: PersonnelDelivery

    /// What a verified handover adds here.
    struct Opened {
        /// The originals not held yet, with their bytes to write before the commit.
        var originals: [(bundle: StoredBundle, data: Data)]
        /// Their report rows and decisions, and the sender's audit head: in the handover's commit.
        var apply: DatabaseChange
    }

    func open(_ handover: VerifiedBundle, origin: BundleOrigin, now: Date) throws -> Opened {
        let manifest = handover.manifest
        guard let succession = trust.verifier.acceptance?.succession else {
            throw Self.refusal("nút này chưa nhận phương án sắp xếp đơn vị nào trong bản phát hành của tỉnh")
        }
        guard let part = handover.part(HistoryHandover.partPath), let content = try? HistoryHandover.decode(part) else {
            throw Self.refusal("tệp \(HistoryHandover.partPath) thiếu hoặc không đọc được")
        }
        guard content.former == manifest.sender, manifest.recipient == .unit(content.successor), content.successor == home else {
            throw Self.refusal("\(HistoryHandover.partPath) ghi đơn vị bàn giao \(content.former) → \(content.successor), khác với gói tin (\(manifest.sender) → \(manifest.recipient))")
        }
        guard content.effective == succession.effective else {
            throw Self.refusal("bàn giao theo phương án có hiệu lực từ \(content.effective.vietnameseText), không phải phương án đang áp dụng (từ \(succession.effective.vietnameseText))")
        }
        let listed = content.originals.map(\.path)
        let carried = manifest.parts.map(\.path).filter { $0 != HistoryHandover.partPath && $0 != HistoryHandover.personnelPath }
        guard Set(listed).count == listed.count, Set(listed) == Set(carried) else {
            throw Self.refusal("danh sách bản gốc trong \(HistoryHandover.partPath) không khớp với các tệp của gói tin")
        }
        var verifier = trust.verifier
        verifier.acceptance = AcceptanceTable(topology: try succession.formerTopology(), catalog: trust.verifier.acceptance?.catalog ?? Catalog())
        var fresh: [(bundle: StoredBundle, data: Data)] = []
        var changes: [DatabaseChange] = []
        var seen: Set<String> = []
        for original in content.originals {
            let name = "bản gốc \(original.path) (gói tin \(original.bundle.prefix(12)))"
            guard let data = handover.part(original.path) else { throw Self.refusal("thiếu \(name)") }
            let bundle: VerifiedBundle
            switch verifier.verify(data, now: now, arrivedAt: min(original.receivedAt, now)) {
            case .valid(let verified): bundle = verified
            case .refused(let error), .premature(let error, _): throw Self.refusal("\(name) không hợp lệ: \(error.message)", log: error.logDescription)
            }
            let inner = bundle.manifest
            guard bundle.id == original.bundle, inner.kind == original.kind, inner.sender == original.sender, inner.recipient == original.recipient else {
                throw Self.refusal("\(name) khác với dòng ghi nó trong \(HistoryHandover.partPath)")
            }
            guard HistoryHandover.handedKinds.contains(inner.kind) else {
                throw Self.refusal("\(name) là \(inner.kind.vietnameseName); chỉ bàn giao báo cáo và quyết định tiếp nhận/trả lại")
            }
            let recipientWithin = inner.recipient.unit.map { succession.isWithinFormerSubtree($0, of: content.former) } ?? false
            guard succession.isWithinFormerSubtree(inner.sender, of: content.former) || recipientWithin else {
                throw Self.refusal("\(name) do \(inner.sender) gửi \(inner.recipient), không thuộc đơn vị \(content.former) hay các đơn vị trực thuộc nó")
            }
            guard seen.insert(bundle.id).inserted, try !store.holdsBundle(id: bundle.id) else { continue }
            // The report reached its receiver of record when the handing node says it did
            // (as the former receiver judged it then), never before it was signed nor after now.
            let reachedThen = max(min(original.receivedAt, now), bundle.signingTime)
            if let content = try DeliveredContent.archive(bundle, now: min(reachedThen, now)) { changes.append(content) }
            fresh.append((StoredBundle(id: bundle.id, kind: inner.kind.rawValue, sender: inner.sender, recipient: inner.recipient, size: data.count,
                                       signer: bundle.signer.fingerprint, signedAt: bundle.signingTime, origin: origin,
                                       receivedAt: now, about: inner.about), data))
        }
        if let staff = try personnel.handedOver(handover, content: content, succession: succession, now: now, refuse: { Self.refusal($0) }) {
            changes.append(staff)
        }
        let anchor = content.auditHead.map { AuditAnchorRecord(unitCode: content.former, head: $0, bundleId: handover.id, receivedAt: now) }
        return Opened(originals: fresh) { [changes] db in
            for change in changes { try change(db) }
            if let anchor { try NodeStore.recordAuditAnchor(anchor, in: db) }
        }
    }

    static func refusal(_ reason: String, log: String? = nil) -> BundleError {
        BundleError(.handoverRefused, message: "Không nhận gói bàn giao dữ liệu lịch sử (cả lô, không lưu gì): \(reason).",
                    log: "history handover refused: \(log ?? reason)")
    }
}

extension ErrorCode where Domain == BundleDomain {
    /// A history handover one of whose originals (or its listing) does not hold.
    public static let handoverRefused = Self("handoverRefused")
}
