import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB
import Synchronization

/// The running state of a node that its servers, its sync loop and its services share:
/// its store and bundle files, and the ingestion pipeline with the trust and topology in
/// force, rebuilt whenever a release changes them.
public final class NodeRuntime: Sendable {
    public let store: NodeStore
    public let files: BundleFiles
    public let home: UnitCode
    /// How far a sender's clock may be off (signing times, certificate validity).
    public let clockTolerance: TimeInterval
    private let bootstrap: NodeTrust.Bootstrap?
    private let signer: SigningIdentity?
    private let arrivalRecorder: ArrivalRecorder?
    /// The unit's encryption identity: opens the personnel records sealed to it.
    public let encryption: SigningIdentity?
    /// The node's working calendar (personnel deadlines).
    public let calendar: WorkingCalendar
    /// The backups the node's configuration asks for, judged on `/healthz` and the sync page
    /// (``BackupFreshness``); `nil` where the runtime is not a served node's (not judged).
    public let backupPolicy: BackupPolicy?
    /// The pipeline in force and the generation it was built for. Every accepted release
    /// moves the generation on; a pipeline built from what the store held before that is
    /// never kept (``ingestor()``).
    private let state = Mutex<(generation: Int, ingestor: BundleIngestor?)>((0, nil))
    /// Reached between reading the trust in force and keeping it: tests use it to accept a
    /// release at exactly that moment.
    let afterLoadingTrust: (@Sendable () -> Void)?
    /// Takes in together the batches that arrive at once (``ingestBatch(_:from:now:clock:)``).
    let combiner = IngestCombiner()

    public convenience init(store: NodeStore, files: BundleFiles, home: UnitCode, bootstrap: NodeTrust.Bootstrap?, clockTolerance: TimeInterval,
                            signer: SigningIdentity? = nil, arrivalRecorder: ArrivalRecorder? = nil,
                            encryption: SigningIdentity? = nil, calendar: WorkingCalendar = WorkingCalendar(),
                            backupPolicy: BackupPolicy? = nil) {
        self.init(store: store, files: files, home: home, bootstrap: bootstrap, clockTolerance: clockTolerance, signer: signer,
                  arrivalRecorder: arrivalRecorder, encryption: encryption, calendar: calendar, backupPolicy: backupPolicy,
                  afterLoadingTrust: nil)
    }

    init(store: NodeStore, files: BundleFiles, home: UnitCode, bootstrap: NodeTrust.Bootstrap?, clockTolerance: TimeInterval,
         signer: SigningIdentity?, arrivalRecorder: ArrivalRecorder?, encryption: SigningIdentity? = nil,
         calendar: WorkingCalendar = WorkingCalendar(), backupPolicy: BackupPolicy? = nil, afterLoadingTrust: (@Sendable () -> Void)?) {
        self.store = store
        self.files = files
        self.home = home
        self.bootstrap = bootstrap
        self.clockTolerance = clockTolerance
        self.signer = signer
        self.arrivalRecorder = arrivalRecorder
        self.encryption = encryption
        self.calendar = calendar
        self.backupPolicy = backupPolicy
        self.afterLoadingTrust = afterLoadingTrust
    }

    /// The ingestion pipeline in force.
    ///
    /// Built outside the lock (it reads the store), and kept only if no release was
    /// accepted meanwhile; otherwise built again. A pipeline read before a release and
    /// kept after it would refuse the signers that release registers.
    public func ingestor() throws -> BundleIngestor {
        while true {
            let (generation, cached) = state.withLock { ($0.generation, $0.ingestor) }
            if let cached { return cached }
            let trust = try NodeTrust.load(store: store, bootstrap: bootstrap, clockTolerance: clockTolerance)
            // The units the acceptance table judges by are the ones the router routes by.
            let topology = try trust.verifier.acceptance?.topology ?? store.topology()
            afterLoadingTrust?()
            let ingestor = BundleIngestor(store: store, files: files, trust: trust, home: home, topology: topology,
                                          receiptSigner: signer, arrivalRecorder: arrivalRecorder,
                                          encryption: encryption, calendar: calendar)
            let kept = state.withLock { state in
                guard state.generation == generation else { return false }
                state.ingestor = ingestor
                return true
            }
            if kept { return ingestor }
        }
    }

    /// Forgets the pipeline in force: a release was accepted.
    private func releaseAccepted() {
        state.withLock { state in
            state.generation += 1
            state.ingestor = nil
        }
    }

    /// Ingests one bundle; a release taken in makes the next bundle see the new trust.
    /// `recording` runs in the commit that stores an accepted bundle
    /// (``BundleIngestor/ingest(_:from:now:recording:)``).
    ///
    /// #### Errors
    /// A ``NodeError`` when the bundle could not be stored: not a verdict on it.
    public func ingest(_ data: Data, from caller: BundleCaller, now: Date,
                       recording: DatabaseChange? = nil) throws(NodeError) -> IngestOutcome {
        let ingestor: BundleIngestor
        do { ingestor = try self.ingestor() } catch { throw .notStored(error) }
        let (outcome, kind) = try ingestor.ingestReportingKind(data, from: caller, now: now, recording: recording)
        if outcome == .accepted, kind?.isRelease == true { releaseAccepted() }
        return outcome
    }

    /// Ingests a batch with one flush and one commit (see ``BundleIngestor/ingestBatch(_:from:now:)``).
    public func ingestBatch(_ items: [Data], from caller: BundleCaller, now: Date) -> [IngestResult] {
        var first: DatabaseChange?
        return ingestBatch(items.map { BundleIngestor.Offered(data: $0, caller: caller) }, now: now, first: &first)
    }

    /// The same for bundles offered by several callers; `first` as
    /// ``BundleIngestor/ingestBatch(_:now:first:)`` takes it.
    func ingestBatch(_ items: [BundleIngestor.Offered], now: Date, first: inout DatabaseChange?) -> [IngestResult] {
        let ingestor: BundleIngestor
        do {
            ingestor = try self.ingestor()
        } catch {
            return items.map { _ in .failed(error, id: nil, kind: nil) }
        }
        var results = ingestor.ingestBatch(items, now: now, first: &first)
        guard let release = results.firstIndex(where: { (try? $0.outcome.get()) == .accepted && $0.kind?.isRelease == true }) else {
            return results
        }
        releaseAccepted()
        // What came after a release in the same batch was checked against the trust, units
        // and catalog before it: what that refused is taken again under the new release
        // (a department's first report arrives in the very page that brings the release
        // naming the department its receiver).
        let refused = results.indices.filter { index in
            guard index > release, let outcome = try? results[index].outcome.get() else { return index > release }
            return outcome != .accepted && outcome != .duplicate
        }
        guard !refused.isEmpty else { return results }
        for (index, result) in zip(refused, ingestBatch(refused.map { items[$0] }, now: now, first: &first)) { results[index] = result }
        return results
    }

    /// The same, off the caller's thread (``BlockingWork``): for async callers. Batches
    /// offered while another is being taken in are taken in together, with one flush and
    /// one commit (``IngestCombiner``). `clock`, the caller's clock as read when its
    /// request came, is recorded in the commit that takes its bundles in, before them (a
    /// report received is stamped with its sender's skew up to its arrival), or on its own
    /// when nothing new came.
    public func ingestBatch(_ items: [Data], from caller: BundleCaller, now: Date, clock: ClockReading? = nil) async -> [IngestResult] {
        let batch = IngestCombiner.Batch(items: items.map { BundleIngestor.Offered(data: $0, caller: caller) }, now: now, clock: clock)
        return await combiner.ingest(batch) { batches in
            do {
                return try await BlockingWork.run { self.ingestTogether(batches) }
            } catch {
                return batches.map { $0.items.map { _ in .failed(error, id: nil, kind: nil) } }
            }
        }
    }

    /// Takes in batches from several callers as one: received at the latest of their
    /// times, each caller's clock recorded first.
    private func ingestTogether(_ batches: [IngestCombiner.Batch]) -> [[IngestResult]] {
        let now = batches.map(\.now).max() ?? Date()
        let clocks = batches.compactMap(\.clock)
        var first: DatabaseChange?
        if !clocks.isEmpty {
            first = { db in
                for clock in clocks { try NodeStore.setClockSkew(unit: clock.unit, seconds: clock.seconds, measuredAt: clock.measuredAt, in: db) }
            }
        }
        var results = ingestBatch(batches.flatMap(\.items), now: now, first: &first)[...]
        // Nothing new held them: recorded on their own. The measure is for people, not for
        // the sync: a failure to write it changes no outcome.
        if let first { try? store.writer.write { try first($0) } }
        return batches.map { batch in
            defer { results = results.dropFirst(batch.items.count) }
            return Array(results.prefix(batch.items.count))
        }
    }

    /// The registry in force, for deciding which node is calling.
    public func registry() throws -> SignerRegistry {
        try ingestor().trust.verifier.registry
    }

    /// The topology in force (also on a node that has no trust configured yet, whose
    /// ingestion pipeline cannot be built).
    public func topology() throws -> Topology {
        if let ingestor = try? ingestor() { return ingestor.router.topology }
        return try store.topology()
    }

    /// This node's epoch, made on first use; a restore replaces it.
    public func epoch() throws -> String {
        // Made once, atomically: the first answers of a fresh node go out concurrently, and
        // a child that saw two epochs would think its parent restored and send everything again.
        try store.value(of: .nodeEpoch) { UUID().uuidString }
    }

    /// How fresh the node's backups are at `now`, when its backups are judged (``backupPolicy``).
    public func backupFreshness(at now: Date) throws -> BackupFreshness? {
        guard let backupPolicy else { return nil }
        return try BackupFreshness(store: store, policy: backupPolicy, now: now)
    }

    /// When this node was restored from a backup made at that time, if it was.
    public func restoredFrom() throws -> String? {
        try store.value(of: .restoredFrom)
    }
}
