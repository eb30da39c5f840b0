import BaoCaoBundle
import BaoCaoCore
import Foundation

/// What this node made of one verified — or refused — bundle: a verdict. A bundle it
/// could not store is not a verdict: that is a thrown ``NodeError`` (or, in a batch, a
/// failed ``IngestResult``), and its sender offers it again.
public enum IngestOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Stored, routed and applied: the sender may forget it.
    case accepted
    /// Already held: nothing changed, and the sender may forget it.
    case duplicate
    /// Refused for good: the same bytes would be refused again.
    case rejected(BundleError)
    /// Refused for now, for a reason that time settles (a signing time ahead of this
    /// node's clock beyond the tolerance): the sender keeps it and offers it again after
    /// `retryAfter`.
    case postponed(BundleError, retryAfter: Date)

    /// The Vietnamese line `baocao import` prints for a file.
    public var description: String {
        switch self {
        case .accepted: "accepted"
        case .duplicate: "duplicate"
        case .rejected(let error): "rejected: \(error.message)"
        case .postponed(let error, let retryAfter): "postponed: \(error.message) Sẽ nhận lại từ \(VietnamTime.displayText(retryAfter))."
        }
    }

    /// Whether the sender may stop offering the bundle.
    public var settlesTheBundle: Bool {
        switch self {
        case .accepted, .duplicate, .rejected: true
        case .postponed: false
        }
    }
}

/// The result for one bundle of a batch: its outcome, or why it could not be stored.
public struct IngestResult: Sendable {
    /// The id of a bundle whose signature verified, `nil` for one that did not.
    public let id: String?
    /// The kind of a bundle that verified, `nil` for one that did not.
    public let kind: BundleKind?
    public let outcome: Result<IngestOutcome, NodeError>

    public init(id: String?, kind: BundleKind?, outcome: Result<IngestOutcome, NodeError>) {
        self.id = id
        self.kind = kind
        self.outcome = outcome
    }

    /// The verdict, or `nil` when the bundle could not be stored.
    public var verdict: IngestOutcome? { try? outcome.get() }

    static func verdict(_ outcome: IngestOutcome, of bundle: VerifiedBundle? = nil) -> IngestResult {
        IngestResult(id: bundle?.id, kind: bundle?.manifest.kind, outcome: .success(outcome))
    }

    static func verdict(_ outcome: IngestOutcome, id: String?, kind: BundleKind?) -> IngestResult {
        IngestResult(id: id, kind: kind, outcome: .success(outcome))
    }

    static func failed(_ error: any Error, id: String?, kind: BundleKind?) -> IngestResult {
        IngestResult(id: id, kind: kind, outcome: .failure(.notStored(error)))
    }
}
