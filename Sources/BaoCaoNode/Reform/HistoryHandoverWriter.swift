import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// Makes the history handover of a node whose unit merged or whose level ended
/// (``ReformPlan/Action/mergeInto(_:)``, ``ReformPlan/Action/retire(handsArchiveTo:)``):
/// every signed report and decision the node holds — its own reports, the decisions it
/// received, its children's reports, archive copies — byte for byte, in batches of
/// ``HistoryHandover`` bundles signed by the node and addressed to the successor, each
/// within the bundle limits, the first also carrying the unit's staff records sealed
/// (``SealedPersonnel``). Nothing is re-signed; each batch is checked as the successor
/// will check it before it is written.
public struct HistoryHandoverWriter: Sendable {
    public let runtime: NodeRuntime
    public let identity: SigningIdentity
    /// The largest total of originals in one batch: well under the 256 MiB a bundle may carry.
    public var maximumBatchBytes = 192 << 20

    public init(runtime: NodeRuntime, identity: SigningIdentity) {
        self.runtime = runtime
        self.identity = identity
    }

    /// One signed batch.
    public struct Batch: Sendable {
        public let id: String
        public let data: Data
        public let originals: Int
    }

    /// The former unit's staff records, sealed to the successor and the Sở Nội vụ
    /// (``ReformPersonnelMove``): the first batch carries them at ``HistoryHandover/personnelPath``.
    public struct SealedPersonnel: Sendable {
        /// The ``PersonnelDossier`` sealed (CMS AuthEnvelopedData, DER).
        public let dossier: Data
        /// How many records it holds (``HistoryHandover/personnelRecords``).
        public let records: Int

        public init(dossier: Data, records: Int) {
            self.dossier = dossier
            self.records = records
        }
    }

    /// The batches handing this node's history to `successor` under `succession`, the
    /// first one carrying `personnel` when given.
    ///
    /// #### Errors
    /// A ``BundleError`` when a batch would not be accepted by the successor under the
    /// release in force (this node's certificate not registered for its unit, say), or an
    /// original is larger than one part may be.
    public func batches(to successor: UnitCode, under succession: Succession, personnel: SealedPersonnel? = nil,
                        at now: Date) throws -> [Batch] {
        let home = runtime.home
        let held = try runtime.store.heldBundles(kinds: HistoryHandover.handedKinds)
        var groups: [[(StoredBundle, Data)]] = [[]]
        var bytes = personnel?.dossier.count ?? 0  // the first batch's share of the limit
        for bundle in held {
            let data = try runtime.files.read(bundle.id)
            guard data.count <= BundleLimits.default.maximumPartSize else {
                throw BundleError(.handoverRefused, message: "Gói tin \(bundle.id.prefix(12)) lớn \(data.count) byte, vượt cỡ một bản gốc được bàn giao; hãy chép riêng tệp đó.",
                                  log: "original \(bundle.id) of \(data.count) bytes too large to hand over")
            }
            if groups[groups.count - 1].count >= HistoryHandover.maximumOriginals || bytes + data.count > maximumBatchBytes, !groups[groups.count - 1].isEmpty {
                groups.append([])
                bytes = 0
            }
            groups[groups.count - 1].append((bundle, data))
            bytes += data.count
        }
        let ingestor = try runtime.ingestor()
        let heads = try ingestor.auditHeadsToCarry()
        let head = heads[AuditHead.manifestKey].flatMap(AuditHead.init(anchorText:))
        return try groups.enumerated().map { index, group in
            var parts: [BundleWriter.Part] = []
            var originals: [HistoryHandover.Original] = []
            for (number, (bundle, data)) in group.enumerated() {
                let path = HistoryHandover.path(ofOriginal: number + 1)
                guard let kind = BundleKind(rawValue: bundle.kind) else { continue }
                originals.append(HistoryHandover.Original(path: path, bundle: bundle.id, kind: kind, sender: bundle.sender,
                                                          recipient: bundle.recipient, receivedAt: bundle.receivedAt))
                parts.append(BundleWriter.Part(path: path, data: data, mediaType: HistoryHandover.originalMediaType))
            }
            let sealed = index == 0 ? personnel : nil
            let content = HistoryHandover(former: home, successor: successor, effective: succession.effective, basis: succession.basis,
                                          batch: index + 1, batchCount: groups.count, auditHead: head, originals: originals,
                                          personnelRecords: sealed?.records)
            parts.insert(BundleWriter.Part(path: HistoryHandover.partPath, data: try content.encoded()), at: 0)
            if let sealed {
                parts.append(BundleWriter.Part(path: HistoryHandover.personnelPath, data: sealed.dossier, mediaType: PartRule.sealedMediaType))
            }
            let (id, data) = try BundleWriter(identity: identity).write(kind: .historyHandover, sender: home, recipient: .unit(successor),
                                                                        parts: parts, about: heads, at: now)
            if case .refused(let error) = ingestor.trust.verifier.verify(data, now: now) {
                throw BundleError(.handoverRefused, message: "Gói bàn giao vừa ký sẽ bị đơn vị kế thừa từ chối: \(error.message)",
                                  log: "own handover refused: \(error.logDescription)")
            }
            return Batch(id: id, data: data, originals: originals.count)
        }
    }
}
