import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

extension NodeRuntime {
    /// Ingests one bundle, running `recording` in the commit that stores it when it is
    /// accepted (see ``BundleIngestor/ingestReportingKind(_:origin:now:recording:)``); a
    /// release taken in makes the next bundle see the new trust, as with
    /// ``ingest(_:origin:now:)``.
    ///
    /// #### Errors
    /// A ``NodeError`` when the bundle could not be stored: not a verdict on it.
    public func ingest(_ data: Data, origin: BundleOrigin, now: Date,
                       recording: @escaping @Sendable (Database) throws -> Void) throws(NodeError) -> IngestOutcome {
        let ingestor: BundleIngestor
        do { ingestor = try self.ingestor() } catch { throw .notStored(error) }
        let (outcome, kind) = try ingestor.ingestReportingKind(data, origin: origin, now: now, recording: recording)
        if outcome == .accepted, kind?.isRelease == true { releaseAccepted() }
        return outcome
    }
}
