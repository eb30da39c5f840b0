import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoTesting
import Foundation
import GRDB
import Synchronization
import Testing
@testable import BaoCaoNode

/// The ways a report could once be lost without anyone being told, each shown closed:
/// a trust cache read before a release, a storage failure taken for a verdict, a decision
/// that overtook its report, a signing time ahead of the receiver's clock.
@Suite("Nothing lost silently")
struct NothingLostTests {
    static let now = Date()
    static let topology = try! Topology(units: [
        ReportingUnit(code: "17", name: "Tỉnh Hòa Bình", kind: .province),
        ReportingUnit(code: "157", name: "Huyện Đà Bắc", kind: .district, parentCode: "17"),
        ReportingUnit(code: "05290", name: "Xã Tú Lý", kind: .commune, parentCode: "157"),
        ReportingUnit(code: "05293", name: "Xã Toàn Sơn", kind: .commune, parentCode: "157"),
    ])
    static let pki = try! DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: now.addingTimeInterval(-86_400))

    /// A node of `home` with its own folder and an in-memory database, trusting the
    /// development root; `registry` is what it trusts before any release.
    static func runtime(home: UnitCode, registry: SignerRegistry = pki.registry, signer: SigningIdentity? = nil,
                        afterLoadingTrust: (@Sendable () -> Void)? = nil) throws -> NodeRuntime {
        let store = try NodeStore.inMemory()
        try store.replaceTopology(topology)
        let files = BundleFiles(directory: FileManager.default.temporaryDirectory.appendingPathComponent("baocao-lost-\(UUID().uuidString)"))
        let bootstrap = NodeTrust.Bootstrap(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher], registry: registry)
        return NodeRuntime(store: store, files: files, home: home, bootstrap: bootstrap, clockTolerance: 86_400, signer: signer,
                           arrivalRecorder: nil, afterLoadingTrust: afterLoadingTrust)
    }

    /// A province release registering every unit's signing certificate.
    static func release() throws -> Data {
        let content = ReleaseContent(
            publisher: "17", version: 1, previousHash: nil, publishedAt: now, expiresAt: now + 86_400 * 90,
            topology: topology.units, catalog: Catalog(),
            trust: TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                             signers: pki.registry.signers, nodes: pki.registry.nodes))
        return try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: now).data
    }

    static func report(from unit: UnitCode, to recipient: UnitCode, revision: Int = 1, signedAt: Date = now) throws -> (id: String, data: Data) {
        let document = ReportDocument(regime: "R1", period: "2026-10", unit: unit, revision: revision, form: "F1", formVersion: 1,
                                      releaseVersion: nil, values: [ValueKey("NN01"): ReportValue(text: "12.5")], narrative: "",
                                      sectionApprovals: [], approvedBy: "lanhdao")
        return try BundleWriter(identity: pki.units[unit]!.signing).write(
            kind: .report, sender: unit, recipient: .unit(recipient), parts: [.init(path: ReportDocument.partPath, data: try document.encoded())],
            about: ["regime": "R1", "period": "2026-10", "unit": unit.rawValue, "revision": String(revision)], at: signedAt)
    }

    static func decision(by receiver: UnitCode, on report: (id: String, data: Data), of unit: UnitCode, outcome: ReportDecision.Outcome,
                         reason: String? = nil) throws -> (id: String, data: Data) {
        let decision = ReportDecision(regime: "R1", period: "2026-10", unit: unit, revision: 1, reportBundle: report.id, outcome: outcome,
                                      reason: reason, decidedBy: "tonghop", decidedAt: now)
        return try BundleWriter(identity: pki.units[receiver]!.signing).write(
            kind: .decision, sender: receiver, recipient: .unit(unit), parts: [.init(path: ReportDecision.partPath, data: try decision.encoded())],
            about: ["report": report.id], at: now)
    }

    /// Should keep no trust read before a release was accepted: a release taken in while
    /// the pipeline was being built (here, exactly between reading the trust and keeping
    /// it) makes the node see the signers it registers — the old cache kept what it had
    /// read and refused them, for good.
    @Test func releaseAcceptedWhileTheTrustIsRead_isSeenByTheNextBundle() throws {
        // Before any release the province trusts only its own signer.
        var bootstrapRegistry = SignerRegistry()
        bootstrapRegistry.register(Self.pki.publisher, for: "17")
        let release = try Self.release()
        let fired = Mutex(false)
        let runtimeBox = Mutex<NodeRuntime?>(nil)
        let runtime = try Self.runtime(home: "17", registry: bootstrapRegistry) {
            guard fired.withLock({ let first = !$0; $0 = true; return first }) else { return }
            switch Result(catching: { try runtimeBox.withLock { $0 }!.ingest(release, from: .carrier, now: Self.now) }) {
            case .success(let outcome): #expect(outcome == .accepted)
            case .failure(let error): Issue.record("the release was not taken in: \(error)")
            }
        }
        runtimeBox.withLock { $0 = runtime }
        // A district's own report, signed with a certificate only the release registers.
        let report = try Self.report(from: "157", to: "17")
        let outcome = try runtime.ingest(report.data, from: .carrier, now: Self.now)
        #expect(fired.withLock { $0 }, "the release went in while the trust was being read")
        #expect(outcome == .accepted, "\(outcome)")
    }

    /// Should answer the nine bundles that can be stored even when the tenth always fails
    /// to (here a constraint that refuses its row): the batch is committed bundle by
    /// bundle, the nine are accepted in the same call, and the tenth is a failure — not a
    /// verdict — so its sender keeps it.
    @Test func oneBundleThatCannotBeStored_doesNotHoldUpItsBatch() throws {
        let runtime = try Self.runtime(home: "157")
        let reports = try (0..<10).map { index in try Self.report(from: index % 2 == 0 ? "05290" : "05293", to: "157", revision: index + 1) }
        let failing = reports[6].id
        try runtime.store.writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_one BEFORE INSERT ON bundle WHEN NEW.id = '\(failing)'
                BEGIN SELECT RAISE(ABORT, 'this bundle cannot be stored'); END
                """)
        }
        let results = runtime.ingestBatch(reports.map(\.data), from: .carrier, now: Self.now)
        for (index, result) in results.enumerated() where index != 6 {
            #expect(result.verdict == .accepted, "bundle \(index): \(result.outcome)")
        }
        guard case .failure(let failure) = results[6].outcome else { Issue.record("the failing bundle got a verdict: \(results[6].outcome)"); return }
        #expect(failure.code == .notStored)
        #expect(!failure.message.contains("cannot be stored") && !failure.message.contains("SQLite"), "no internals in \(failure.message)")
        #expect(results[6].id == failing)
        #expect(try runtime.store.summary().bundles == 9, "the nine reports")
        #expect(try !runtime.store.holdsBundle(id: failing))
    }

    /// Should apply a district's decision that reaches the province before the commune's
    /// report it decides (they travel up separately as archive copies): it is held, and
    /// marked on the report's copy the moment that copy arrives — by USB or HTTPS alike.
    @Test func decisionArrivingBeforeItsReport_isHeldAndAppliedWhenTheReportComes() throws {
        let province = try Self.runtime(home: "17")
        let report = try Self.report(from: "05290", to: "157")
        let decision = try Self.decision(by: "157", on: report, of: "05290", outcome: .returned, reason: "Thiếu số liệu mục NN01")
        #expect(try province.ingest(decision.data, from: .carrier, now: Self.now) == .accepted)
        #expect(try province.store.writer.read { try HeldDecision.fetchCount($0) } == 1)
        #expect(try province.ingest(report.data, from: .carrier, now: Self.now) == .accepted)
        let copy = try #require(try province.store.writer.read { db in
            try ReportRecord.filter(Column("bundleId") == report.id).fetchOne(db)
        })
        #expect(copy.state == .returned)
        #expect(copy.reason == "Thiếu số liệu mục NN01")
        #expect(copy.decisionBundleId == decision.id)
        #expect(try province.store.writer.read { try HeldDecision.fetchCount($0) } == 0)
    }

    /// Should postpone, not refuse, a bundle signed further ahead of the receiver's clock
    /// than the tolerance, saying from when it can be taken; at that time the same bytes
    /// are accepted.
    @Test func bundleSignedAheadOfTheClock_isPostponedThenAccepted() throws {
        let district = try Self.runtime(home: "157")
        let signedAt = Self.now.addingTimeInterval(86_400 + 7200)
        let report = try Self.report(from: "05290", to: "157", signedAt: signedAt)
        let outcome = try district.ingest(report.data, from: .carrier, now: Self.now)
        guard case .postponed(let error, let retryAfter) = outcome else { Issue.record("\(outcome)"); return }
        #expect(error.code == .signingTimeInFuture)
        #expect(retryAfter == Date(timeIntervalSince1970: signedAt.timeIntervalSince1970.rounded(.down)).addingTimeInterval(-86_400), "the signing time, to the second, less the tolerance")
        #expect(!outcome.settlesTheBundle)
        #expect(try !district.store.holdsBundle(id: report.id))
        #expect(try district.ingest(report.data, from: .carrier, now: retryAfter) == .accepted)
    }

    /// Should not answer "postponed" for a bundle that is wrong in another way too: a
    /// signing time ahead of the clock is only "not yet" for a bundle otherwise valid.
    @Test func bundleSignedAheadAndSignedByAnother_isRefusedForGood() throws {
        let district = try Self.runtime(home: "157")
        let forged = try SampleReport.write(BundleWriter(identity: Self.pki.units["05293"]!.signing), unit: "05290", to: "157",
                                            at: Self.now.addingTimeInterval(3 * 86_400))
        guard case .rejected(let error) = try district.ingest(forged.data, from: .carrier, now: Self.now) else {
            Issue.record("a bundle signed by another unit must be refused"); return
        }
        #expect(error.code == .signerNotRegistered)
    }
}
