import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation

/// The running state of a node that a server and a sync loop share: its store and bundle
/// files, and the ingestion pipeline with the trust and topology in force, refreshed
/// whenever a release changes them.
public final class NodeRuntime: @unchecked Sendable {
    public let store: NodeStore
    public let files: BundleFiles
    public let home: String
    /// What one request to the parent may carry on the link as it has been (``LinkBudget``).
    public let linkBudget = LinkBudget()
    private let bootstrap: NodeTrust.Bootstrap?
    /// How far a sender's clock may be off (signing times, certificate validity).
    public let clockTolerance: TimeInterval
    private let signer: SigningIdentity?
    private let arrivalRecorder: ArrivalRecorder?
    private let lock = NSLock()
    private var cached: BundleIngestor?

    public init(store: NodeStore, files: BundleFiles, home: String, bootstrap: NodeTrust.Bootstrap?, clockTolerance: TimeInterval,
                signer: SigningIdentity? = nil, arrivalRecorder: ArrivalRecorder? = nil) {
        self.arrivalRecorder = arrivalRecorder
        self.store = store
        self.files = files
        self.home = home
        self.bootstrap = bootstrap
        self.clockTolerance = clockTolerance
        self.signer = signer
    }

    /// The ingestion pipeline in force.
    public func ingestor() throws -> BundleIngestor {
        if let cached = lock.withLock({ cached }) { return cached }
        let ingestor = BundleIngestor(store: store, files: files,
                                      trust: try NodeTrust.load(store: store, bootstrap: bootstrap, clockTolerance: clockTolerance),
                                      home: home, topology: try store.topology(), receiptSigner: signer,
                                      arrivalRecorder: arrivalRecorder)
        lock.withLock { cached = ingestor }
        return ingestor
    }

    /// Ingests one bundle; a release taken in makes the next bundle see the new trust.
    public func ingest(_ data: Data, origin: StoredBundle.Origin, now: Date) -> IngestOutcome {
        let ingestor: BundleIngestor
        do {
            ingestor = try self.ingestor()
        } catch let error as BundleError {
            return .rejected(error)
        } catch {
            if let storage = StoreError.storageFailure(from: error)?.withoutLocation {
                return .rejected(BundleError(.storageFailure, message: storage.message, log: storage.logDescription))
            }
            return .rejected(BundleError(.storageFailure, message: "Nút chưa sẵn sàng nhận gói tin: \(error).", log: "runtime: \(error)"))
        }
        let (outcome, kind) = ingestor.ingestReportingKind(data, origin: origin, now: now)
        if outcome == .accepted, kind == .release || kind == .localRelease {
            lock.withLock { cached = nil }
        }
        return outcome
    }

    /// Ingests a batch with one flush and one commit (see ``BundleIngestor/ingestBatch(_:origin:now:)``).
    public func ingestBatch(_ items: [Data], origin: StoredBundle.Origin, now: Date) -> [IngestOutcome] {
        let ingestor: BundleIngestor
        do {
            ingestor = try self.ingestor()
        } catch {
            return items.map { _ in BundleIngestor.storageFailure(error) }
        }
        let results = ingestor.ingestBatch(items, origin: origin, now: now)
        if results.contains(where: { $0.outcome == .accepted && ($0.kind == .release || $0.kind == .localRelease) }) {
            lock.withLock { cached = nil }
        }
        return results.map(\.outcome)
    }

    /// The registry in force, for deciding which node is calling.
    public func registry() throws -> SignerRegistry {
        try ingestor().trust.verifier.registry
    }

    /// The topology in force.
    public func topology() -> Topology {
        (try? ingestor().router.topology) ?? ((try? store.topology()) ?? (try! Topology(units: [])))
    }

    /// This node's epoch, made on first use; a restore replaces it.
    public func epoch() throws -> String {
        // Made once, atomically: the first answers of a fresh node go out concurrently, and
        // a child that saw two epochs would think its parent restored and send everything again.
        try store.value(of: .nodeEpoch) { UUID().uuidString }
    }
}
