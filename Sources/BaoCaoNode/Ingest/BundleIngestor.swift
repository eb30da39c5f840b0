import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import GRDB

/// Takes in one bundle — from a child or the parent over HTTPS, from a USB stick, or made
/// here — exactly the same way whatever the path:
///
/// 1. verify it in full (``BundleVerifier``), the acceptance table included: a refused
///    bundle is never stored, so it can never block a valid bundle with the same id;
/// 2. tie it to who handed it over (``BundleCaller``): a child only what it or a unit
///    below it sent, the parent only what came from outside this node's subtree; and a
///    decision or receipt to the bundle it refers to, where this node holds that bundle —
///    all before deduplication, so a bundle that breaks a rule is never `duplicate`;
/// 3. deduplicate by bundle id: a bundle already held answers `duplicate` and changes nothing;
/// 4. route it (``BundleRouter``): deliver here, queue it up to the parent, or down to a child;
/// 5. for a release, ask the ``ReleaseGate``, for a software update the ``UpdateGate`` (a
///    relay too: both are for every unit);
/// 6. write its bytes durably, then record it, its deliveries and what it puts in force in
///    one transaction (`synchronous=FULL`).
///
/// Only then is the outcome `accepted`: nothing is acknowledged before it is committed.
public struct BundleIngestor: Sendable {
    public let store: NodeStore
    public let files: BundleFiles
    public let trust: NodeTrust
    public let router: BundleRouter
    /// The node's signing identity, to sign receipts for what reaches its final recipient
    /// here. Without one, no receipts are made.
    public let receiptSigner: SigningIdentity?
    /// Records, in the bundle's commit, that a bundle for this node arrived (the audit log
    /// lives above Sync, so it is handed in).
    public let arrivalRecorder: ArrivalRecorder?
    /// Opens the transfer and custody bundles sealed to this node (``PersonnelDelivery``).
    let personnel: PersonnelDelivery

    /// `encryption` is the node's encryption identity: without one, a transfer addressed
    /// here is refused and custody bundles pass unread; `calendar` dates the forwarding
    /// deadline of a transfer received as the receiving body.
    public init(store: NodeStore, files: BundleFiles, trust: NodeTrust, home: UnitCode, topology: Topology,
                receiptSigner: SigningIdentity? = nil, arrivalRecorder: ArrivalRecorder? = nil,
                encryption: SigningIdentity? = nil, calendar: WorkingCalendar = WorkingCalendar()) {
        self.store = store
        self.files = files
        self.trust = trust
        self.router = BundleRouter(home: home, topology: topology, succession: trust.succession)
        self.receiptSigner = receiptSigner
        self.arrivalRecorder = arrivalRecorder
        self.personnel = PersonnelDelivery(encryption: encryption, calendar: calendar, home: home,
                                           catalog: trust.provinceRelease?.content.personnel, topology: topology)
    }

    /// Takes in one bundle.
    ///
    /// `recording`, when given, runs in the very commit that stores an accepted bundle: for
    /// a bundle this node makes and takes in itself (a release it publishes), the services
    /// layer records what was done — its audit entry — with it, so a crash never leaves a
    /// published release without its entry, nor an entry without the release. A duplicate
    /// or a refusal records nothing.
    ///
    /// #### Errors
    /// A ``NodeError`` when the bundle could not be stored (a full disk, read-only
    /// storage, a failed write): not a verdict on the bundle, whose sender offers it again;
    /// then nothing was recorded.
    public func ingest(_ data: Data, from caller: BundleCaller, now: Date,
                       recording: DatabaseChange? = nil) throws(NodeError) -> IngestOutcome {
        try ingestReportingKind(data, from: caller, now: now, recording: recording).outcome
    }

    /// The same, also telling the kind of a verified bundle (so a caller knows when a
    /// release changed what is in force).
    public func ingestReportingKind(_ data: Data, from caller: BundleCaller, now: Date,
                                    recording: DatabaseChange? = nil) throws(NodeError)
        -> (outcome: IngestOutcome, kind: BundleKind?) {
        let bundle: VerifiedBundle
        switch trust.verifier.verify(data, now: now) {
        case .refused(let error): return (.rejected(error), nil)
        case .premature(let error, let acceptableFrom): return (.postponed(error, retryAfter: acceptableFrom), nil)
        case .valid(let verified): bundle = verified
        }
        do {
            return (try process(bundle, data: data, from: caller, now: now, recording: recording), bundle.manifest.kind)
        } catch {
            throw .notStored(error)
        }
    }

    private func process(_ bundle: VerifiedBundle, data: Data, from caller: BundleCaller, now: Date,
                         recording: DatabaseChange? = nil) throws -> IngestOutcome {
        switch try prepare(bundle, data: data, from: caller, now: now, flush: true) {
        case .decided(let outcome):
            return outcome
        case .record(let item, let apply):
            let changes: DatabaseChange? = recording.map { recording in { @Sendable db in try apply?(db); try recording(db) } } ?? apply
            return try store.record(item.bundle, deliveries: item.deliveries, alongside: item.extra, apply: changes) ? .accepted : .duplicate
        }
    }

    /// What to do with one verified bundle.
    enum Preparation {
        case decided(IngestOutcome)
        case record(Prepared, apply: DatabaseChange?)
    }

    /// Deduplicates, routes and (for releases) asks the gate; writes the bytes. `content`,
    /// when given, is the bundle's content as ``readContent(of:now:)`` read it already.
    func prepare(_ bundle: VerifiedBundle, data: Data, from caller: BundleCaller, now: Date, flush: Bool,
                 receipts: Bool = true, content read: ReadContent? = nil) throws -> Preparation {
        let manifest = bundle.manifest
        let isRelease = manifest.kind.isRelease
        if let refusal = try refusal(of: bundle, from: caller) { return .decided(.rejected(BundleError(refusal))) }
        if try store.holdsBundle(id: bundle.id) { return .decided(.duplicate) }
        guard let route = router.route(sender: manifest.sender, recipient: manifest.recipient, kind: manifest.kind) else {
            let refusal = AcceptanceRefusal.unknownRecipient(manifest.recipient)
            return .decided(.rejected(BundleError(refusal)))
        }
        // What the bundle changes here besides itself, all in its own commit.
        var changes: [DatabaseChange] = []
        if isRelease {
            switch ReleaseDecider(trust: trust).plan(for: bundle, now: now) {
            case .refuse(let error): return .decided(.rejected(error))
            case .duplicate: break  // the same release in another bundle: keep and pass it on, change nothing here
            case .apply(let release, let topology, let catalog, let succession):
                changes.append { db in
                    try NodeStore.recordRelease(release, topology: topology, catalogInForce: catalog, succession: succession, in: db)
                }
            }
        }
        // A new version of the program: the same gate at every node, relays included.
        if manifest.kind == .softwareUpdate {
            switch try UpdateDecider(trust: trust, store: store).plan(for: bundle, now: now) {
            case .refuse(let error): return .decided(.rejected(error))
            case .duplicate: break  // the same update in another bundle: keep and pass it on, change nothing here
            case .apply(let update): changes.append { db in try NodeStore.recordSoftwareUpdate(update, in: db) }
            }
        }
        // A former unit's history handed over here: its originals, each verified, stored with it.
        var handed: [(bundle: StoredBundle, data: Data)] = []
        if manifest.kind == .historyHandover, route.deliverHere {
            do {
                let opened = try HistoryHandoverIntake(trust: trust, store: store, home: router.home, personnel: personnel).open(bundle, origin: caller.origin, now: now)
                handed = opened.originals
                changes.append(opened.apply)
            } catch let error as BundleError {
                return .decided(.rejected(error))
            }
        }
        if !isRelease, route.deliverHere || route.keepsCopy || manifest.kind == .recordsCustody {
            do {
                let content: DatabaseChange? = if let read {
                    try read.get()
                } else {
                    switch manifest.kind {
                    case .transfer, .recordsCustody: route.deliverHere ? try personnel.deliver(bundle, now: now) : try personnel.relay(bundle, now: now)
                    default: try Self.content(of: bundle, keptAsCopy: route.keepsCopy, now: now)
                    }
                }
                if let content { changes.append(content) }
            } catch let error as any CodedError {
                return .decided(.rejected(BundleError(.invalidManifest, message: error.message, log: error.logDescription)))
            }
        }
        try files.write(data, id: bundle.id, flush: flush)
        for original in handed { try files.write(original.data, id: original.bundle.id, flush: flush) }
        let receipt = receipts && needsReceipt(bundle, route: route) ? try makeReceipt(for: bundle, now: now, flush: flush) : nil
        let stored = StoredBundle(
            id: bundle.id, kind: manifest.kind.rawValue, sender: manifest.sender, recipient: manifest.recipient,
            size: data.count, signer: bundle.signer.fingerprint, signedAt: bundle.signingTime, origin: caller.origin,
            receivedAt: now, about: manifest.about)
        let deliveries = route.onward.map { Delivery(bundleId: bundle.id, destination: $0.destination, direction: $0.direction, queuedAt: now) }
        if route.deliverHere, manifest.sender != router.home, let arrivalRecorder {
            let arrival = Arrival(bundleId: bundle.id, kind: manifest.kind, sender: manifest.sender, about: manifest.about, at: now)
            changes.append { db in try arrivalRecorder.record(arrival, db) }
        }
        let anchors = auditAnchors(of: bundle, at: now)
        if !anchors.isEmpty {
            changes.append { db in for anchor in anchors { try NodeStore.recordAuditAnchor(anchor, in: db) } }
        }
        var apply: DatabaseChange?
        if !changes.isEmpty {
            apply = { [changes] db in for change in changes { try change(db) } }
        }
        return .record((stored, deliveries, (receipt.map { [$0] } ?? []) + handed.map { ($0.bundle, []) }), apply: apply)
    }

    /// Takes in a batch the way ``ingest(_:from:now:)`` takes in one, but with one flush
    /// and one commit per group of bundles: a province answering hundreds of communes at
    /// the deadline cannot afford a disk flush per bundle. Releases are taken in one by one,
    /// after what came before them is committed. Every outcome holds only after its group is
    /// committed.
    ///
    /// A bundle that cannot be stored does not hold up the others: when the group's flush
    /// or commit fails, each bundle is flushed and committed on its own, and only those
    /// that still fail are answered with their failure (their senders offer them again).
    ///
    /// A group is at most ``groupSize`` bundles and ``groupBytes`` bytes of bundles. Within
    /// it, bundles are verified and prepared ``chunkSize`` at a time: what a chunk holds in
    /// memory — verified bundles, inflated parts — is let go before the next one is read,
    /// so a batch of large reports never holds all its bundles inflated at once; what the
    /// group keeps until its commit is the content to record.
    public func ingestBatch(_ items: [Data], from caller: BundleCaller, now: Date) -> [IngestResult] {
        var first: DatabaseChange?
        return ingestBatch(items.map { Offered(data: $0, caller: caller) }, now: now, first: &first)
    }

    /// A bundle offered, and who offered it.
    public struct Offered: Sendable {
        public let data: Data
        public let caller: BundleCaller

        public init(data: Data, caller: BundleCaller) {
            self.data = data
            self.caller = caller
        }
    }

    /// The same for bundles offered by several callers at once (``IngestCombiner``), each
    /// judged as coming from its own caller. `first`, when given, is written in the first
    /// commit, before any bundle (the callers' clock readings, which the reports they bring
    /// are stamped with); it is set to nil once written, and left for the caller to write
    /// when no commit held it (nothing new came, or the group's commit failed).
    public func ingestBatch(_ items: [Offered], now: Date, first: inout DatabaseChange?) -> [IngestResult] {
        var results: [IngestResult] = []
        results.reserveCapacity(items.count)
        var start = items.startIndex
        while start < items.endIndex {
            var end = start, bytes = 0
            while end < items.endIndex, end - start < Self.groupSize, end == start || bytes + items[end].data.count <= Self.groupBytes {
                bytes += items[end].data.count
                end += 1
            }
            results += ingestGroup(Array(items[start..<end]), now: now, first: &first)
            start = end
        }
        return results
    }

    /// How many bundles of a batch are held, verified and inflated, at once: enough to keep
    /// every core verifying, few enough that a batch of large reports stays small in memory.
    static let chunkSize = max(8, 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// At most how many bundles, and how many bytes of them, share one flush and one commit.
    static let groupSize = 512
    static let groupBytes = 16 << 20

    /// A prepared bundle waiting for its group's commit, at its place in the group.
    typealias Ready = (index: Int, item: Prepared, apply: DatabaseChange?)

    private func ingestGroup(_ items: [Offered], now: Date, first: inout DatabaseChange?) -> [IngestResult] {
        var results: [IngestResult?] = Array(repeating: nil, count: items.count)
        var ready: [Ready] = []
        // Recording what is ready while the rest is verified and prepared; nothing here
        // writes to the database until it is committed (or abandoned) by `commitReady`.
        var recording: BatchRecording?
        var seen: Set<String> = []
        func commitReady() {
            for (index, outcome) in commit(ready, recorded: recording, first: &first) { results[index] = outcome }
            ready = []
            recording = nil
        }
        var start = 0
        while start < items.count {
            let end = min(start + Self.chunkSize, items.count)
            var pending: [(index: Int, item: Prepared, apply: DatabaseChange?, receiptFor: VerifiedBundle?)] = []
            // Receipts of the chunk, signed on every core (the other heavy part, with
            // verification), then waiting with the rest of the group.
            func settlePending() {
                let receipts = makeReceiptsConcurrently(pending.map(\.receiptFor), now: now)
                for (position, entry) in pending.enumerated() {
                    switch receipts[position] {
                    case .success(let receipt):
                        var item = entry.item
                        if let receipt { item.extra.append(receipt) }
                        if recording == nil { recording = BatchRecording(store: store, first: first) }
                        recording?.record(item, applying: entry.apply)
                        ready.append((entry.index, item, entry.apply))
                    case .failure(let error):
                        results[entry.index] = .failed(error, id: entry.item.bundle.id, kind: BundleKind(rawValue: entry.item.bundle.kind))
                    }
                }
                pending = []
            }
            // Verification is most of the work and each bundle's is independent: use every core,
            // and read each report's content there too, rather than one by one below.
            let verdicts = verifyAndReadConcurrently(items[start..<end].map(\.data), now: now)
            for index in start..<end {
                let (data, caller) = (items[index].data, items[index].caller)
                let bundle: VerifiedBundle
                switch verdicts[index - start].verdict {
                case .refused(let error):
                    results[index] = .verdict(.rejected(error))
                    continue
                case .premature(let error, let acceptableFrom):
                    results[index] = .verdict(.postponed(error, retryAfter: acceptableFrom))
                    continue
                case .valid(let verified): bundle = verified
                }
                let kind = bundle.manifest.kind
                if kind == .release || kind == .localRelease || kind == .softwareUpdate {
                    // What came before it is committed first, under the trust it was checked against
                    // (an update: after the one before it, which the gate compares it with).
                    settlePending()
                    commitReady()
                    do {
                        results[index] = .verdict(try process(bundle, data: data, from: caller, now: now), of: bundle)
                    } catch {
                        results[index] = .failed(error, id: bundle.id, kind: kind)
                    }
                    continue
                }
                guard seen.insert(bundle.id).inserted else {
                    results[index] = .verdict(.duplicate, of: bundle)
                    continue
                }
                // A decision or receipt is checked against the bundle it answers as stored
                // here: one waiting in this group is committed first.
                if case .bundle(let referenced?) = referencedBundle(of: bundle), seen.contains(referenced) {
                    settlePending()
                    commitReady()
                }
                do {
                    switch try prepare(bundle, data: data, from: caller, now: now, flush: false, receipts: false,
                                       content: verdicts[index - start].content) {
                    case .decided(let outcome):
                        results[index] = .verdict(outcome, of: bundle)
                    case .record(let item, let apply):
                        let route = router.route(sender: bundle.manifest.sender, recipient: bundle.manifest.recipient, kind: kind)
                        let wantsReceipt = route.map { needsReceipt(bundle, route: $0) } ?? false
                        pending.append((index, item, apply, wantsReceipt ? bundle : nil))
                    }
                } catch {
                    results[index] = .failed(error, id: bundle.id, kind: kind)
                }
            }
            settlePending()
            start = end
        }
        commitReady()
        return results.map { $0 ?? .failed(NodeError(.notStored, message: "", log: "no outcome"), id: nil, kind: nil) }
    }

    /// One prepared bundle: its row, its deliveries, and what is recorded with it (its receipt).
    typealias Prepared = (bundle: StoredBundle, deliveries: [Delivery], extra: [(StoredBundle, [Delivery])])

    /// Puts the bytes of prepared bundles on disk with the group's one flush, then commits
    /// the transaction that recorded them meanwhile; if either fails, each bundle on its
    /// own, its bytes flushed and checked, so one that cannot be stored fails alone.
    private func commit(_ prepared: [Ready], recorded recording: BatchRecording?,
                        first: inout DatabaseChange?) -> [(Int, IngestResult)] {
        guard !prepared.isEmpty, let recording else { return [] }
        func answer(_ item: Prepared, _ outcome: IngestOutcome) -> IngestResult {
            .verdict(outcome, id: item.bundle.id, kind: BundleKind(rawValue: item.bundle.kind))
        }
        func files(of item: Prepared) -> [String] { [item.bundle.id] + item.extra.map(\.0.id) }
        /// Each bundle flushed (unless it was) and recorded on its own.
        func alone(flushed: Bool) -> [(Int, IngestResult)] {
            prepared.map { entry in
                do {
                    if !flushed { try self.files.flush(files(of: entry.item)) }
                    let isNew = try store.record(entry.item.bundle, deliveries: entry.item.deliveries, alongside: entry.item.extra, apply: entry.apply)
                    return (entry.index, answer(entry.item, isNew ? .accepted : .duplicate))
                } catch {
                    return (entry.index, .failed(error, id: entry.item.bundle.id, kind: BundleKind(rawValue: entry.item.bundle.kind)))
                }
            }
        }
        do {
            try self.files.flush(prepared.flatMap { files(of: $0.item) })
        } catch {
            recording.abandon()
            return alone(flushed: false)
        }
        do {
            let fresh = try recording.commit()
            first = nil
            return zip(prepared, fresh).map { entry, isNew in (entry.index, answer(entry.item, isNew ? .accepted : .duplicate)) }
        } catch {
            return alone(flushed: true)
        }
    }

    /// Why this bundle may not be taken from this caller, or — a decision or receipt — as
    /// the bundle it refers to stands here (``AcceptanceTable``).
    func refusal(of bundle: VerifiedBundle, from caller: BundleCaller) throws -> AcceptanceRefusal? {
        let table = AcceptanceTable(topology: router.topology, succession: router.succession)
        let manifest = bundle.manifest
        if let refusal = table.refusal(ofCaller: caller, sender: manifest.sender, home: router.home) { return refusal }
        let referenced: String?
        switch referencedBundle(of: bundle) {
        case .unreadable: return .unreadableDecision
        case .nothing: return nil
        case .bundle(let id): referenced = id
        }
        guard let referenced, let held = try store.bundle(id: referenced), let kind = BundleKind(rawValue: held.kind) else { return nil }
        return table.refusal(of: manifest.exchange, referringTo: ReferencedBundle(id: held.id, kind: kind, sender: held.sender, recipient: held.recipient))
    }

    /// What a decision or a receipt refers to.
    enum Reference {
        /// Not a decision or a receipt.
        case nothing
        /// A decision whose `decision.json` does not read, or names another unit than its recipient.
        case unreadable
        /// The bundle it answers, if it names one.
        case bundle(String?)
    }

    /// The bundle a decision decides, or a receipt acknowledges.
    func referencedBundle(of bundle: VerifiedBundle) -> Reference {
        let manifest = bundle.manifest
        switch manifest.kind {
        case .decision:
            guard let decision = bundle.part(ReportDecision.partPath).flatMap({ try? ReportDecision.decode($0) }),
                  manifest.recipient == .unit(decision.unit) else { return .unreadable }
            return .bundle(decision.reportBundle)
        case .receipt: return .bundle(manifest.about["receiptFor"])
        default: return .nothing
        }
    }

    /// Verifies bundles on all cores, reading the content of each valid one that
    /// ``readContent(of:now:)`` can read; in the order of the bundles.
    func verifyAndReadConcurrently(_ items: [Data], now: Date) -> [(verdict: BundleVerdict, content: ReadContent?)] {
        let verifier = trust.verifier
        // Neither throws out of the map: a refusal is a verdict, a content that does not read its result.
        return (try? items.concurrentMap { data in
            let verdict = verifier.verify(data, now: now)
            guard case .valid(let bundle) = verdict else { return (verdict, nil) }
            return (verdict, readContent(of: bundle, now: now))
        }) ?? []
    }

    /// A bundle's content as read for its commit (``DeliveredContent``), or why it does not read.
    typealias ReadContent = Result<DatabaseChange?, any Error>

    /// Reads what a bundle puts in the database besides itself, where that depends on
    /// nothing stored — a report, a decision, a notice, here or kept as a copy — so that it
    /// can be read on every core while the bundles are verified: a report's 200 values are
    /// the heaviest thing ``prepare(_:data:from:now:flush:receipts:content:)`` reads. Nil
    /// for what ``prepare`` reads itself: releases, personnel files (read against the
    /// store), and what is neither delivered nor kept here.
    func readContent(of bundle: VerifiedBundle, now: Date) -> ReadContent? {
        let manifest = bundle.manifest
        guard !manifest.kind.isRelease, manifest.kind != .softwareUpdate, manifest.kind != .transfer, manifest.kind != .recordsCustody, manifest.kind != .historyHandover,
              let route = router.route(sender: manifest.sender, recipient: manifest.recipient, kind: manifest.kind),
              route.deliverHere || route.keepsCopy else { return nil }
        return Result { try Self.content(of: bundle, keptAsCopy: route.keepsCopy, now: now) }
    }

    /// What a bundle that is not a personnel file changes here besides itself.
    static func content(of bundle: VerifiedBundle, keptAsCopy: Bool, now: Date) throws -> DatabaseChange? {
        keptAsCopy ? try DeliveredContent.archive(bundle, now: now) : try DeliveredContent.apply(for: bundle, now: now)
    }
}

extension BundleIngestor {
    /// What reaches its final recipient and earns a receipt back to its sender.
    static let kindsWithReceipts: Set<BundleKind> = [.report, .transfer, .recordsCustody]

    /// A signed receipt (`receipt.json`) travelling back to the original sender, so a
    /// commune knows when the province — not only its district — has its report. Its
    /// bytes are written here; the caller records it with the bundle it answers.
    /// Whether a bundle reaches its final recipient here and earns a receipt.
    func needsReceipt(_ bundle: VerifiedBundle, route: BundleRouter.Route) -> Bool {
        receiptSigner != nil && route.deliverHere && Self.kindsWithReceipts.contains(bundle.manifest.kind) && bundle.manifest.sender != router.home
    }

    /// Makes receipts, on every core, for the bundles that earn one (`nil` for the others);
    /// in the order of the bundles, each receipt or why it could not be made. The audit
    /// heads every receipt carries are read once for them all.
    func makeReceiptsConcurrently(_ bundles: [VerifiedBundle?], now: Date) -> [Result<(StoredBundle, [Delivery])?, any Error>] {
        guard bundles.contains(where: { $0 != nil }) else { return bundles.map { _ in .success(nil) } }
        let heads = Result { try auditHeadsToCarry() }
        // Making a receipt never throws out of the map: a failure is its result.
        return (try? bundles.concurrentMap { bundle in
            Result { try bundle.flatMap { try makeReceipt(for: $0, now: now, flush: false, carrying: try heads.get()) } }
        }) ?? []
    }

    /// `heads`: the audit heads to carry, when the caller read them already.
    private func makeReceipt(for bundle: VerifiedBundle, now: Date, flush: Bool,
                             carrying heads: [String: String]? = nil) throws -> (StoredBundle, [Delivery])? {
        guard let signer = receiptSigner,
              let route = router.route(sender: router.home, recipient: .unit(bundle.manifest.sender)) else { return nil }
        var body: [String: String] = [
            "bundle": bundle.id, "kind": bundle.manifest.kind.rawValue, "sender": bundle.manifest.sender.rawValue,
            "recipient": bundle.manifest.recipient.description, "receivedAt": Manifest.formatTime(now),
        ]
        // The sender's head as recorded here, echoed back signed: the anchor its log is checked against.
        var about = try heads ?? auditHeadsToCarry()
        about["receiptFor"] = bundle.id
        if bundle.manifest.kind == .transfer || bundle.manifest.kind == .recordsCustody {
            about[AcceptanceTable.acknowledgedKindLabel] = bundle.manifest.kind.rawValue
        }
        if let echoed = echoedAuditHead(for: bundle, at: now) {
            body["auditHead"] = echoed.anchorText
            about[AuditHead.echoedManifestKey] = echoed.anchorText
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let (id, made) = try BundleWriter(identity: signer).write(
            kind: .receipt, sender: router.home, recipient: .unit(bundle.manifest.sender),
            parts: [BundleWriter.Part(path: "receipt.json", data: try encoder.encode(body))],
            about: about, at: now)
        // Two ingests of one bundle in the same second make the same receipt id with two
        // signatures: the first file stays, and this row describes it.
        let data = try files.writeKeepingExisting(made, id: id, flush: flush)
        let stored = StoredBundle(id: id, kind: BundleKind.receipt.rawValue, sender: router.home, recipient: .unit(bundle.manifest.sender),
                                  size: data.count, signer: signer.certificate.fingerprint, signedAt: now, origin: .local,
                                  receivedAt: now, about: about)
        return (stored, route.onward.map { Delivery(bundleId: id, destination: $0.destination, direction: $0.direction, queuedAt: now) })
    }
}


