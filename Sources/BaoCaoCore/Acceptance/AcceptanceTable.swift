/// Who may send which bundle kind to whom, with which parts (DESIGN §7): the rules every
/// node applies to every bundle — after checking its signature, before inflating any part,
/// storing anything or passing it on — whatever path it came by (HTTPS, USB, made here).
/// A relay applies the same rows as the recipient: a bundle that breaks one is refused
/// with the rule it broke, never answered `duplicate`, never stored, never forwarded.
///
/// The table itself is ``rows``, a literal: what a unit may send can be read — and argued
/// about — in one place. The signature (a signer registered for the sender; for a
/// province release, a publisher key — ``ReleaseGate``), the release chain, and each
/// kind's content are checked where those are read; the caller who handed the bundle over
/// (``BundleCaller``) and the bundle a decision or receipt refers to are checked by the
/// node with this table's ``refusal(ofCaller:sender:home:)`` and
/// ``refusal(of:referringTo:)``.
public struct AcceptanceTable: Sendable {
    /// The table: one row per kind.
    public static let rows: [AcceptanceRow] = [
        AcceptanceRow(kind: .report, recipients: .oneUnit, senders: [.reporterToItsReceiver],
                      parts: [.json("report.json", maximumSize: 8 << 20),
                              PartRule(.numbered(prefix: "attachments/", count: 20), mediaTypes: .anyWellFormed,
                                       maximumSize: attachmentLimit, required: false)]),
        AcceptanceRow(kind: .decision, recipients: .oneUnit, senders: [.receiverOfTheDecidedReport],
                      parts: [.json("decision.json", maximumSize: 64 << 10)]),
        AcceptanceRow(kind: .receipt, recipients: .oneUnit, senders: [.addresseeOfTheAcknowledgedBundle],
                      parts: [.json("receipt.json", maximumSize: 16 << 10)]),
        AcceptanceRow(kind: .release, recipients: .everyUnit, senders: [.provincePublisher],
                      parts: [.json("release.json", maximumSize: 32 << 20)]),
        AcceptanceRow(kind: .localRelease, recipients: .everyUnit, senders: [.publisherItself],
                      parts: [.json("release.json", maximumSize: 8 << 20)]),
        AcceptanceRow(kind: .notice, recipients: .oneUnitOrEveryUnit,
                      senders: [.ancestorOfRecipient, .regimeReceiverToItsReporters, .provinceToEveryUnit],
                      parts: [.json("notice.json", maximumSize: 64 << 10)]),
        // Civil-servant records (seed 003 art. 10.2, 12.4): one sealed dossier each, which
        // only its recipients can open; who may send it is the rows', what it may carry is
        // checked by the recipient once it is opened (``PersonnelDossier/refusal(sender:recipient:)``).
        AcceptanceRow(kind: .transfer, recipients: .oneUnit, senders: [.anyUnitToAnotherUnit], parts: [.sealedDossier]),
        AcceptanceRow(kind: .recordsCustody, recipients: .oneUnit, senders: [.anyUnitToPersonnelAuthority], parts: [.sealedDossier]),
        // The 2025 reform: a former unit's node hands its signed originals to its successor's
        // node (``HistoryHandover``); each original is checked again on its own when it is opened.
        // The first batch may carry the unit's staff records sealed, as a transfer would.
        AcceptanceRow(kind: .historyHandover, recipients: .oneUnit, senders: [.formerUnitToItsSuccessor],
                      parts: [.json(HistoryHandover.partPath, maximumSize: 8 << 20),
                              PartRule(.numbered(prefix: HistoryHandover.originalPrefix, count: HistoryHandover.maximumOriginals),
                                       mediaTypes: .only([HistoryHandover.originalMediaType]), maximumSize: 64 << 20, required: false),
                              PartRule(.exact(HistoryHandover.personnelPath), mediaTypes: .only([PartRule.sealedMediaType]),
                                       maximumSize: PartRule.sealedDossier.maximumSize, required: false)]),
        // A new version of the program: a small signed description and the Debian package
        // itself, from the province's publisher key only (``UpdateGate``), relayed to every
        // unit byte for byte like a release. The package may be up to a bundle part's limit
        // (``softwareUpdatePackageLimit``).
        AcceptanceRow(kind: .softwareUpdate, recipients: .everyUnit, senders: [.provincePublisher],
                      parts: [.json(SoftwareUpdatePart.description, maximumSize: 64 << 10),
                              PartRule(.exact(SoftwareUpdatePart.package), mediaTypes: .only([SoftwareUpdatePart.packageMediaType]),
                                       maximumSize: softwareUpdatePackageLimit, required: true)]),
    ]

    /// The largest program package an update may carry: 64 MiB, the largest part any bundle
    /// may hold (``BundleLimits``). The `baocao` package is a few tens of MiB compressed;
    /// the feed streams an item of this size to disk and the upload path takes up to 256 MiB,
    /// so no limit needs raising for it.
    public static let softwareUpdatePackageLimit = 64 << 20

    /// The label of a receipt for personnel records naming the kind it acknowledges
    /// (`transfer`, `recordsCustody`), which the receipt row reads.
    public static let acknowledgedKindLabel = "acknowledgedKind"

    /// The largest file attached to a report: 10 MiB.
    public static let attachmentLimit = 10 << 20

    /// The row of a kind.
    public static func row(for kind: BundleKind) -> AcceptanceRow? {
        rows.first { $0.kind == kind }
    }

    public let topology: Topology
    /// The catalog in force: which regime names which receiver and reporters.
    public let catalog: Catalog
    /// The unit that keeps every unit's personnel records in custody (the Sở Nội vụ,
    /// ``PersonnelCatalog/authority`` of the release in force); `nil` before a release names
    /// one, and then no custody bundle is accepted.
    public let personnelAuthority: UnitCode?

    /// The reorganisation in force (the 2025 reform), once a province release brought it:
    /// what former units — gone from ``topology`` — may still send, and to whom
    /// (``AcceptanceTable+Succession``).
    public let succession: Succession?
    /// The province that continues the release chain in force, once its last release named
    /// one (``ReleaseSuccessor``): its release is taken from that code though the topology
    /// in force does not hold it yet; the release gate checks the rest.
    public let successorPublisher: UnitCode?

    public init(topology: Topology, catalog: Catalog = Catalog(), personnelAuthority: UnitCode? = nil,
                succession: Succession? = nil, successorPublisher: UnitCode? = nil) {
        self.topology = topology
        self.catalog = catalog
        self.personnelAuthority = personnelAuthority
        self.succession = succession
        self.successorPublisher = successorPublisher
    }

    /// Why an exchange may not happen, or `nil` when the table allows it.
    public func refusal(of exchange: BundleExchange) -> AcceptanceRefusal? {
        guard let row = Self.row(for: exchange.kind) else { return .unknownKind(exchange.kind) }
        if row.senders.isEmpty { return .kindNotAccepted(exchange.kind, because: row.refusedBecause ?? "") }
        switch (row.recipients, exchange.recipient.unit) {
        case (.everyUnit, .some): return .mustGoToEveryUnit(exchange.kind)
        case (.oneUnit, .none): return .mustNameItsRecipient(exchange.kind)
        default: break
        }
        // A unit the reform retired: what it may still send (a late report, its history).
        if let succession, let former = retiredUnit(exchange.sender) {
            return formerUnitRefusal(exchange, former: former, succession: succession, row: row) ?? partsRefusal(row, exchange.parts)
        }
        if let unit = exchange.recipient.unit, topology.unit(code: unit) == nil {
            return retiredRecipientRefusal(unit) ?? .unknownRecipient(exchange.recipient)
        }
        // The successor's first release comes from a province the units in force do not
        // hold yet.
        let fromSuccessor = exchange.kind == .release && exchange.sender == successorPublisher
        // Before its first release a node knows no units; the release gate then decides
        // alone (the publisher keys pinned in its configuration).
        if !topology.units.isEmpty, !fromSuccessor, topology.unit(code: exchange.sender) == nil { return .unknownSender(exchange.sender) }
        guard topology.units.isEmpty && exchange.kind.isRelease || fromSuccessor || row.senders.contains(where: { allows($0, exchange) }) else {
            return .senderNotAllowed(row, exchange)
        }
        return partsRefusal(row, exchange.parts)
    }

    func allows(_ rule: AcceptanceRow.Sender, _ exchange: BundleExchange) -> Bool {
        let sender = exchange.sender
        let regime = exchange.about["regime"].flatMap { try? RegimeCode(parsing: $0) }.flatMap(catalog.regime(code:))
        switch (rule, exchange.recipient.unit) {
        case (.anyUnitToAnotherUnit, let receiver?):
            return receiver != sender && topology.unit(code: sender) != nil
        case (.anyUnitToPersonnelAuthority, let receiver?):
            return receiver == personnelAuthority && receiver != sender && topology.unit(code: sender) != nil
        case (.reporterToItsReceiver, let receiver?):
            return isAncestor(receiver, of: sender) || regime.map { receives($0, at: receiver, from: sender) } == true
        case (.receiverOfTheDecidedReport, let reporter?):
            return isAncestor(sender, of: reporter) || regime.map { receives($0, at: sender, from: reporter) } == true
        case (.addresseeOfTheAcknowledgedBundle, let original?):
            // Personnel records go across the tree: a transfer's receipt comes back from any
            // unit, custody's from the authority (each checked against the acknowledged
            // bundle wherever it is held: every relay on the way holds it).
            switch exchange.about[Self.acknowledgedKindLabel].flatMap(BundleKind.init(rawValue:)) {
            case .transfer?: return sender != original && topology.unit(code: sender) != nil
            case .recordsCustody?: return sender == personnelAuthority
            default: break
            }
            return isAncestor(sender, of: original) || catalog.regimes.contains { receives($0, at: sender, from: original) }
        case (.provincePublisher, nil), (.provinceToEveryUnit, nil):
            return topology.roots.contains { $0.code == sender }
        case (.publisherItself, nil):
            return true  // the release names its publisher, which must be the sender (``AcceptedRelease``)
        case (.ancestorOfRecipient, let recipient?):
            return isAncestor(sender, of: recipient)
        case (.regimeReceiverToItsReporters, let reporter?):
            return regime.map { receives($0, at: sender, from: reporter) } == true
        case (.formerUnitToItsSuccessor, let successor?):
            return retiredUnit(sender) != nil && succession?.handoverRecipient(of: sender) == successor && topology.unit(code: successor) != nil
        default:
            return false
        }
    }

    /// Whether `upper` is a strict ancestor of `unit` — for a unit the reform retired, its
    /// successor and the successor's ancestors (``lineage(of:)``): a late report it sent
    /// travels up through them.
    func isAncestor(_ upper: UnitCode, of unit: UnitCode) -> Bool {
        upper != unit && lineage(of: unit).contains(upper)
    }

    /// Whether `receiver` receives `regime` from `reporter`: the regime names it as receiver
    /// and `reporter` among its expected reporters.
    func receives(_ regime: Regime, at receiver: UnitCode, from reporter: UnitCode) -> Bool {
        regime.receiver(in: topology) == receiver && regime.expectedReporters(at: receiver, in: topology).contains { $0.code == reporter }
    }

    func partsRefusal(_ row: AcceptanceRow, _ parts: [DeclaredPart]) -> AcceptanceRefusal? {
        var seen: Set<String> = []
        for part in parts {
            guard let rule = row.parts.first(where: { $0.covers(part.path) }) else { return .partNotAllowed(part.path, row) }
            guard seen.insert(part.path).inserted else { return .partNotAllowed(part.path, row) }
            guard rule.allows(mediaType: part.mediaType) else { return .mediaTypeNotAllowed(part, row) }
            guard part.size <= rule.maximumSize else { return .partTooLarge(part, row, limit: rule.maximumSize) }
        }
        if let missing = row.parts.first(where: { rule in rule.required && !parts.contains { rule.covers($0.path) } }) {
            return .partMissing(missing.name, row)
        }
        return nil
    }

    /// Why a node may not take a bundle from `sender` from this caller: a child hands up
    /// only what it or a unit below it sent; a parent hands down only what came from
    /// outside this node's subtree; a node takes as made here only its own.
    public func refusal(ofCaller caller: BundleCaller, sender: UnitCode, home: UnitCode) -> AcceptanceRefusal? {
        switch caller {
        case .child(let child):
            return sender == child || isAncestor(child, of: sender) ? nil : .callerNotAllowed(caller, sender: sender)
        case .parent:
            return sender == home || isAncestor(home, of: sender) ? .callerNotAllowed(caller, sender: sender) : nil
        case .thisNode:
            return sender == home ? nil : .callerNotAllowed(caller, sender: sender)
        case .carrier:
            return nil
        }
    }

    /// Why a decision or receipt may not be taken, given the bundle it refers to as this
    /// node holds it: it must come from the unit that bundle was addressed to, back to the
    /// unit that sent it (a decision, on a report).
    public func refusal(of exchange: BundleExchange, referringTo held: ReferencedBundle) -> AcceptanceRefusal? {
        let fits = held.recipient == .unit(exchange.sender) && exchange.recipient == .unit(held.sender)
            && (exchange.kind != .decision || held.kind == .report)
        return fits ? nil : .referenceMismatch(exchange, held: held)
    }
}

/// What the acceptance table is asked about: one bundle's kind, sender, recipient, labels
/// and declared parts, as its signed manifest states them.
public struct BundleExchange: Sendable {
    public let kind: BundleKind
    public let sender: UnitCode
    public let recipient: BundleRecipient
    public let about: [String: String]
    public let parts: [DeclaredPart]
    /// The day (in Vietnam) the bundle arrived at the node judging it: a former unit's late
    /// report is taken only until the succession's grace date. `nil` where no clock judges
    /// it, and then no late report is taken.
    public let arrivedOn: CivilDate?

    public init(kind: BundleKind, sender: UnitCode, recipient: BundleRecipient, about: [String: String] = [:], parts: [DeclaredPart] = [],
                arrivedOn: CivilDate? = nil) {
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
        self.about = about
        self.parts = parts
        self.arrivedOn = arrivedOn
    }
}

/// The bundle a decision or receipt refers to, as the node holds it.
public struct ReferencedBundle: Sendable, Hashable {
    public let id: String
    public let kind: BundleKind
    public let sender: UnitCode
    public let recipient: BundleRecipient

    public init(id: String, kind: BundleKind, sender: UnitCode, recipient: BundleRecipient) {
        self.id = id
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
    }
}
