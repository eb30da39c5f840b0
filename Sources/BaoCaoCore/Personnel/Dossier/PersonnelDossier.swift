import Foundation

/// What a transfer or custody bundle carries, sealed (CMS AuthEnvelopedData) to the units
/// that may read it (``PersonnelAccess/readers(ofRecordsAt:)``): the records, each with its
/// whole history, their scanned papers, and
///
/// - for a **transfer** (seed 003 art. 10.2), the order: the unit the records leave, the
///   decision, and where they go (``TransferOut``: the receiving body and the employing
///   unit, which may be the same);
/// - for **custody** (art. 7.3, 12.4), the holder, a sequence number and `complete`: the
///   holder's complete current set of kept records, those who left included, so the
///   receiver replaces its copies of that holder wholesale, never with an older sequence.
///
/// Nothing of it shows outside the envelope: the bundle's labels (``labels``) name at
/// most record numbers and counts.
public struct PersonnelDossier: Sendable, Hashable {
    /// The format written by ``jsonData()`` and the only one read.
    public static let formatVersion = 1

    public enum Kind: String, Sendable, Hashable, Codable {
        case transfer, custody
    }

    public var kind: Kind
    public var records: [PersonnelRecord]
    public var scans: [PersonnelScan]
    /// A transfer's order; `nil` for custody.
    public var transfer: PersonnelTransferOrder?
    /// Custody's holder and sequence; `nil` for a transfer.
    public var custody: PersonnelCustody?

    /// A transfer of `records` (each ending with its ``PersonnelChange/transferredOut(_:)``).
    public static func transfer(_ records: [PersonnelRecord], scans: [PersonnelScan] = [], order: PersonnelTransferOrder) -> Self {
        Self(kind: .transfer, records: records, scans: scans, transfer: order, custody: nil)
    }

    /// The complete set of records `holder` keeps, as its `sequence`-th custody dossier.
    public static func custody(_ records: [PersonnelRecord], scans: [PersonnelScan] = [], holder: UnitCode, sequence: Int) -> Self {
        Self(kind: .custody, records: records, scans: scans, transfer: nil,
             custody: PersonnelCustody(holder: holder, sequence: sequence, complete: true))
    }

    init(kind: Kind, records: [PersonnelRecord], scans: [PersonnelScan], transfer: PersonnelTransferOrder?, custody: PersonnelCustody?) {
        self.kind = kind
        self.records = records
        self.scans = scans
        self.transfer = transfer
        self.custody = custody
    }

    /// The labels of the bundle that carries it (`about`): its kind, the number of records,
    /// the record numbers when there are few (a transfer), the holder and sequence (custody).
    /// Never a name or an identity number.
    public var labels: [String: String] {
        var labels = ["dossier": kind.rawValue, "recordCount": String(records.count)]
        if kind == .transfer, records.count <= 20 {
            labels["records"] = records.map(\.id.rawValue).sorted().joined(separator: ",")
        }
        if let custody {
            labels["holder"] = custody.holder.rawValue
            labels["sequence"] = String(custody.sequence)
        }
        return labels
    }
}

/// Where a transfer's records go, on which decision, from which unit.
public struct PersonnelTransferOrder: Sendable, Hashable, Codable {
    /// The unit the records leave (it keeps them, marked transferred).
    public var from: UnitCode
    public var decision: DecisionReference
    public var destination: TransferOut

    public init(from: UnitCode, decision: DecisionReference, destination: TransferOut) {
        self.from = from
        self.decision = decision
        self.destination = destination
    }

    /// Whether the receiving body is not the employing unit and must forward the records
    /// (art. 10.2, within 3 working days).
    public var needsForwarding: Bool { destination.receivingUnit != destination.employingUnit }
}

/// Whose complete set of kept records a custody dossier is, and which one of them.
public struct PersonnelCustody: Sendable, Hashable, Codable {
    public var holder: UnitCode
    /// 1, 2, 3 … per holder: an older one never replaces a newer one.
    public var sequence: Int
    /// Always `true`: the set is complete, and replaces the receiver's copies of the holder.
    public var complete: Bool

    public init(holder: UnitCode, sequence: Int, complete: Bool = true) {
        self.holder = holder
        self.sequence = sequence
        self.complete = complete
    }
}
