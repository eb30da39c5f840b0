import Foundation

/// What the parent said about one bundle, as the node's bookkeeping needs it: whatever
/// the transport, an answer either settles the bundle or leaves it waiting.
public enum ParentAnswer: Sendable, Equatable {
    /// The parent holds it (`accepted` or `duplicate`): done.
    case taken
    /// The parent refused it for good, with its reason: never offered again.
    case refused(code: String, reason: String)
    /// The parent did not take it now and said why (not stored there yet, signed ahead of
    /// its clock): offered again, not before `retryAfter` when the parent named a time.
    case postponed(code: String, reason: String, retryAfter: Date?)
    /// An answer this node does not understand (an unknown outcome, a malformed body, an
    /// unexpected status), kept as it came: the bundle stays queued and is offered again
    /// with backoff; after a day of that, the node reports itself degraded.
    case unrecognized(raw: String)
}
