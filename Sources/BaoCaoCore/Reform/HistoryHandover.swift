import Foundation

/// The `handover.json` of a ``BundleKind/historyHandover`` bundle: one batch of the signed
/// originals a former unit's node held, handed to its successor's node across a reform
/// (``ReformPlan/Action/mergeInto(_:)``, ``ReformPlan/Action/retire(handsArchiveTo:)``).
///
/// Each original travels byte for byte as a numbered part (`history/1`, `history/2` …): the
/// successor verifies every one with its own signature and stores it as it is, never
/// re-signed. The whole batch is taken or refused together.
public struct HistoryHandover: Sendable, Hashable, Codable {
    /// One original in the batch, as the handing node held it.
    public struct Original: Sendable, Hashable, Codable {
        /// The part that carries it (`history/N`).
        public var path: String
        /// Its bundle id (the SHA-256 of its manifest).
        public var bundle: String
        public var kind: BundleKind
        public var sender: UnitCode
        public var recipient: BundleRecipient
        /// When the handing node received it (or made it): the instant its signature is
        /// judged at against dated revocations.
        public var receivedAt: Date

        public init(path: String, bundle: String, kind: BundleKind, sender: UnitCode, recipient: BundleRecipient, receivedAt: Date) {
            self.path = path
            self.bundle = bundle
            self.kind = kind
            self.sender = sender
            self.recipient = recipient
            self.receivedAt = receivedAt
        }
    }

    /// The unit of the old map whose node hands its history over (the bundle's sender).
    public var former: UnitCode
    /// The unit of the new map that receives it (the bundle's recipient).
    public var successor: UnitCode
    /// The succession's first day and legal basis.
    public var effective: CivilDate
    public var basis: String
    /// This batch's number (from 1) and how many batches the handover has.
    public var batch: Int
    public var batchCount: Int
    /// The head of the handing node's audit log when it made the handover: the successor
    /// keeps it as the anchor of the log it will never receive entries from again.
    public var auditHead: AuditHead?
    public var originals: [Original]
    /// How many staff records the batch carries sealed (``personnelPath``: the former
    /// unit's people moving to the successor, ``ReformPersonnelMove``), or `nil` when it
    /// carries none. Only the first batch of a node that keeps records does; the count is
    /// all that shows outside the envelope.
    public var personnelRecords: Int?

    public init(former: UnitCode, successor: UnitCode, effective: CivilDate, basis: String, batch: Int, batchCount: Int,
                auditHead: AuditHead?, originals: [Original], personnelRecords: Int? = nil) {
        self.former = former
        self.successor = successor
        self.effective = effective
        self.basis = basis.nfc
        self.batch = batch
        self.batchCount = batchCount
        self.auditHead = auditHead
        self.originals = originals
        self.personnelRecords = personnelRecords
    }

    /// The part that carries this document.
    public static let partPath = "handover.json"
    /// Where the originals go: `history/1`, `history/2` …
    public static let originalPrefix = "history/"
    /// The media type of an original (a `.bcb` container).
    public static let originalMediaType = "application/vnd.baocao.bundle"
    /// Where the former unit's staff records go, sealed to the successor and the Sở Nội vụ
    /// (a ``PersonnelDossier``, CMS AuthEnvelopedData): the path of a transfer's dossier.
    public static let personnelPath = PartRule.sealedDossierPath
    /// The most originals one batch carries (a bundle holds at most 1,000 entries).
    public static let maximumOriginals = 900
    /// The kinds handed over: the signed exchanges of reporting (DESIGN §6).
    public static let handedKinds: Set<BundleKind> = [.report, .decision]

    /// The part path of the `number`-th original (from 1).
    public static func path(ofOriginal number: Int) -> String { "\(originalPrefix)\(number)" }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> HistoryHandover {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(HistoryHandover.self, from: data)
    }
}
