import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

extension BundleIngestor {
    /// Takes in one bundle as ``ingestReportingKind(_:origin:now:)`` does, and when it is
    /// accepted also runs `recording` in the very commit that stores it.
    ///
    /// For a bundle this node makes and takes in itself (a release it publishes): the
    /// services layer records what was done — its audit entry — with the bundle, so a
    /// crash never leaves a published release without its entry, nor an entry without
    /// the release. A duplicate or a refusal records nothing.
    ///
    /// #### Errors
    /// A ``NodeError`` when the bundle could not be stored; then nothing was recorded.
    public func ingestReportingKind(_ data: Data, origin: BundleOrigin, now: Date,
                                    recording: @escaping @Sendable (Database) throws -> Void) throws(NodeError)
        -> (outcome: IngestOutcome, kind: BundleKind?) {
        let bundle: VerifiedBundle
        switch trust.verifier.verify(data, now: now) {
        case .refused(let error): return (.rejected(error), nil)
        case .premature(let error, let acceptableFrom): return (.postponed(error, retryAfter: acceptableFrom), nil)
        case .valid(let verified): bundle = verified
        }
        do {
            switch try prepare(bundle, data: data, origin: origin, now: now, flush: true) {
            case .decided(let outcome):
                return (outcome, bundle.manifest.kind)
            case .record(let item, let apply):
                let isNew = try store.record(item.bundle, deliveries: item.deliveries, alongside: item.extra) { db in
                    try apply?(db)
                    try recording(db)
                }
                return (isNew ? .accepted : .duplicate, bundle.manifest.kind)
            }
        } catch {
            throw .notStored(error)
        }
    }
}
