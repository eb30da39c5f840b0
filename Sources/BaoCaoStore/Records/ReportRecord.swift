import BaoCaoCore
import Foundation
import GRDB

/// One revision of one unit's report for a regime and period: the node's own (its unit
/// is the home unit), one received from a child, or an archive copy of one exchanged
/// below this node (``relayedFor`` names its receiver).
public struct ReportRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    /// GRDB's own date text, made without its formatter (``DatabaseDateText``).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { DatabaseDateText.encoding }

    public static let databaseTableName = "report"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let regimeCode = Column(CodingKeys.regimeCode)
        public static let period = Column(CodingKeys.period)
        public static let unitCode = Column(CodingKeys.unitCode)
        public static let revision = Column(CodingKeys.revision)
        public static let state = Column(CodingKeys.state)
        public static let bundleId = Column(CodingKeys.bundleId)
        public static let receivedAt = Column(CodingKeys.receivedAt)
        public static let assignedTo = Column(CodingKeys.assignedTo)
        public static let relayedFor = Column(CodingKeys.relayedFor)
    }

    public var id: Int64?
    public var regimeCode: RegimeCode
    public var period: Period
    public var unitCode: UnitCode
    public var revision: Int
    public var state: ReportState
    public var formCode: String
    public var formVersion: Int
    public var releaseVersion: Int?
    public var narrative: String
    public var createdAt: Date
    public var updatedAt: Date
    /// When the leader signed it (own), or the signing time in its bundle (received).
    public var signedAt: Date?
    /// The signed report bundle.
    public var bundleId: String?
    /// At the receiver: when the bundle arrived.
    public var receivedAt: Date?
    /// At the receiver: it arrived after the receiving window closed.
    public var late: Bool
    /// At the receiver: the login of the person handling it.
    public var assignedTo: String?
    /// The reason of the last rejection or return.
    public var reason: String?
    public var decidedAt: Date?
    public var decisionBundleId: String?
    /// For an archive copy relayed up from below: the unit that received the report, whose
    /// decision (relayed too) the copy's state follows. `nil` for everything else.
    public var relayedFor: UnitCode?
    /// At the receiver: the sender's clock skew (seconds ahead) this node had measured when
    /// the report arrived (0 if never); `nil` for the node's own reports and for those
    /// stored before it was kept.
    public var clockSkewAtArrival: Int?

    public init(regimeCode: RegimeCode, period: Period, unitCode: UnitCode, revision: Int, state: ReportState,
                formCode: String, formVersion: Int, releaseVersion: Int?, narrative: String = "", at: Date) {
        self.regimeCode = regimeCode
        self.period = period
        self.unitCode = unitCode
        self.revision = revision
        self.state = state
        self.formCode = formCode
        self.formVersion = formVersion
        self.releaseVersion = releaseVersion
        self.narrative = narrative.nfc
        self.createdAt = at
        self.updatedAt = at
        self.late = false
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A change of a report's state: who, when, from what to what, and why.
public struct ReportEvent: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    /// GRDB's own date text, made without its formatter (``DatabaseDateText``).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { DatabaseDateText.encoding }

    public static let databaseTableName = "reportEvent"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let reportId = Column(CodingKeys.reportId)
        public static let toState = Column(CodingKeys.toState)
    }

    public var id: Int64?
    public var reportId: Int64
    public var at: Date
    public var actor: String
    public var fromState: ReportState?
    public var toState: ReportState
    public var reason: String?

    public init(reportId: Int64, at: Date, actor: String, fromState: ReportState?, toState: ReportState, reason: String? = nil) {
        self.reportId = reportId
        self.at = at
        self.actor = actor
        self.fromState = fromState
        self.toState = toState
        self.reason = reason?.nfc
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A form section's figures approved in one revision.
public struct SectionApprovalRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "reportSectionApproval"

    public var reportId: Int64
    public var sectionCode: String
    public var approvedBy: String
    public var approvedAt: Date

    public init(reportId: Int64, sectionCode: String, approvedBy: String, approvedAt: Date) {
        self.reportId = reportId
        self.sectionCode = sectionCode
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }
}

/// A receiver's window for a regime-period.
public struct ReceivingWindow: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "receivingWindow"

    public enum State: String, Sendable, Codable { case open, closed }

    public var regimeCode: RegimeCode
    public var period: Period
    public var state: State
    public var openedAt: Date
    public var openedBy: String
    public var closedAt: Date?
    public var closedBy: String?

    public init(regimeCode: RegimeCode, period: Period, openedAt: Date, openedBy: String) {
        self.regimeCode = regimeCode
        self.period = period
        self.state = .open
        self.openedAt = openedAt
        self.openedBy = openedBy
    }
}

/// A notice sent down or received.
public struct NoticeRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "notice"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let bundleId = Column(CodingKeys.bundleId)
        public static let sender = Column(CodingKeys.sender)
        public static let recipient = Column(CodingKeys.recipient)
        public static let sentAt = Column(CodingKeys.sentAt)
        public static let readAt = Column(CodingKeys.readAt)
    }

    public var id: Int64?
    public var bundleId: String
    public var kind: NoticeDocument.Kind
    public var sender: UnitCode
    public var recipient: BundleRecipient
    public var regimeCode: RegimeCode?
    public var period: Period?
    public var text: String
    public var sentAt: Date
    public var readAt: Date?

    public init(bundleId: String, document: NoticeDocument, sender: UnitCode, recipient: BundleRecipient) {
        self.bundleId = bundleId
        self.kind = document.kind
        self.sender = sender
        self.recipient = recipient
        self.regimeCode = document.regime
        self.period = document.period
        self.text = document.text
        self.sentAt = document.sentAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DerivableRequest<ReportRecord> {
    /// The revisions of one regime-period, of every unit.
    public func filter(regime: RegimeCode, period: Period) -> Self {
        filter(ReportRecord.Columns.regimeCode == regime && ReportRecord.Columns.period == period)
    }

    /// Revisions other units sent this node, as their receiver: neither the node's own
    /// (its unit is `home`) nor archive copies of reports exchanged below it.
    public func receivedHere(excludingUnit home: UnitCode) -> Self {
        filter(ReportRecord.Columns.unitCode != home && ReportRecord.Columns.relayedFor == nil)
    }
}
