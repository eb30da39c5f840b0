import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoTesting
import Foundation
import GRDB
import Testing
@testable import BaoCaoNode

@Suite("Batch ingestion")
struct BatchIngestTests {
    /// The province 25's store, bundle folder and ingestor, trusting the development PKI;
    /// with `signingReceipts`, it signs a receipt for each report it takes in. Its database
    /// is a file, as a node's is, so that a group is recorded while it is still being
    /// verified (``BatchRecording``), which only a file's pool of connections allows.
    static func province(signingReceipts: Bool) throws -> (NodeStore, BundleFiles, BundleIngestor) {
        let topology = ReleaseIngestorTests.topology
        let pki = ReleaseIngestorTests.pki
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try NodeStore.open(at: folder.appendingPathComponent("baocao.sqlite").path)
        #expect(store.writer is DatabasePool)
        try store.replaceTopology(topology)
        let files = BundleFiles(directory: folder.appendingPathComponent("bundles"))
        let trust = try NodeTrust.load(store: store, bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher],
                                                                     registry: pki.registry), clockTolerance: 86_400)
        let ingestor = BundleIngestor(store: store, files: files, trust: trust, home: "25", topology: topology,
                                      receiptSigner: signingReceipts ? pki.units["25"]!.signing : nil)
        return (store, files, ingestor)
    }

    /// A batch mixing good bundles, a tampered one and the same bundle twice: each gets
    /// its own outcome, the tampered one stores nothing, the repeat is a duplicate.
    @Test func mixedBatch_eachBundleGetsItsOutcome() throws {
        let pki = ReleaseIngestorTests.pki
        let (store, _, ingestor) = try Self.province(signingReceipts: true)
        let writer = BundleWriter(identity: pki.units["08515"]!.signing)
        let bundles = try (0..<5).map { index in
            try SampleReport.write(writer, unit: "08515", to: "25", revision: index + 1).data
        }
        var tampered = try BundleArchive(reading: bundles[1]).allContents()
        tampered["report.json"]![3] ^= 1
        let forged = try BundleArchive.write([("manifest.json", tampered["manifest.json"]!), ("manifest.p7s", tampered["manifest.p7s"]!),
                                              ("report.json", tampered["report.json"]!)])
        let outcomes = ingestor.ingestBatch([bundles[0], forged, bundles[2], bundles[2], bundles[3]], from: .carrier, now: Date()).map(\.verdict)
        #expect(outcomes[0] == .accepted && outcomes[2] == .accepted && outcomes[4] == .accepted)
        #expect(outcomes[3] == .duplicate)
        guard case .rejected(let error)? = outcomes[1] else { Issue.record("tampered bundle accepted"); return }
        #expect(error.code == .partHashMismatch)
        #expect(try store.summary().bundles == 6)  // three reports and their three receipts
        // The genuine bundle whose forged copy was refused goes through afterwards.
        #expect(ingestor.ingestBatch([bundles[1], bundles[0]], from: .carrier, now: Date()).map(\.verdict) == [.accepted, .duplicate])
    }

    /// A signed report whose `report.json` does not read as a report is refused whole,
    /// alone or in a batch, with a Vietnamese reason; nothing of it is stored, and a good
    /// report in the same batch goes in with its values.
    @Test func unreadableReport_isRefused_andStoresNothing() throws {
        let pki = ReleaseIngestorTests.pki
        let (store, _, ingestor) = try Self.province(signingReceipts: false)
        let writer = BundleWriter(identity: pki.units["08515"]!.signing)
        let about = ["regime": "R1", "period": "2026-10"]
        let garbage = try writer.write(kind: .report, sender: "08515", recipient: "25",
                                       parts: [.init(path: "report.json", data: Data(#"{"values":{"NN01":"1"}}"#.utf8))], about: about, at: Date()).data
        let document = ReportDocument(regime: "R1", period: "2026-10", unit: "08515", revision: 1, form: "F1", formVersion: 1, releaseVersion: nil,
                                      values: [ValueKey("NN01"): ReportValue(text: "12.5")], narrative: "", sectionApprovals: [], approvedBy: "lanhdao")
        let good = try writer.write(kind: .report, sender: "08515", recipient: "25",
                                    parts: [.init(path: "report.json", data: try document.encoded())], about: about, at: Date()).data
        guard case .rejected(let alone) = try ingestor.ingest(garbage, from: .carrier, now: Date()) else { Issue.record("garbage accepted"); return }
        #expect(alone.message.hasPrefix("Tệp report.json"), "\(alone.message)")
        let outcomes = ingestor.ingestBatch([garbage, good], from: .carrier, now: Date()).map(\.verdict)
        guard case .rejected? = outcomes[0] else { Issue.record("garbage accepted in a batch"); return }
        #expect(outcomes[1] == .accepted)
        #expect(try store.summary().bundles == 1)
        let values = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT value FROM reportValue") }
        #expect(values == ["12.5"])
    }
    /// A batch of many chunks is committed as one group — one flush, one commit — and still
    /// answers each bundle as it stands: a report repeated in a later chunk is a duplicate
    /// and stored once; every report is stored with its revision, its receipt and both files
    /// on disk; and a bundle whose rows cannot be stored fails alone, its file
    /// recorded nowhere, while the rest of its group is accepted.
    @Test func batchOfManyChunks_isOneGroup_eachBundleAnsweredAsItStands() throws {
        let pki = ReleaseIngestorTests.pki
        let (store, files, ingestor) = try Self.province(signingReceipts: true)
        let writer = BundleWriter(identity: pki.units["08515"]!.signing)
        let reports = try (0..<3 * BundleIngestor.chunkSize).map { index in
            try SampleReport.write(writer, unit: "08515", to: "25", revision: index + 1)
        }
        let failing = reports[2 * BundleIngestor.chunkSize + 1].id
        try store.writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_one BEFORE INSERT ON bundle WHEN NEW.id = '\(failing)'
                BEGIN SELECT RAISE(ABORT, 'this bundle cannot be stored'); END
                """)
        }
        // The first report again, two chunks later.
        let batch = reports.map(\.data) + [reports[0].data]
        let results = ingestor.ingestBatch(batch, from: .carrier, now: Date())
        for (index, result) in results.enumerated() {
            if reports.indices.contains(index), reports[index].id == failing {
                guard case .failure(let failure) = result.outcome else { Issue.record("the failing bundle got \(result.outcome)"); continue }
                #expect(failure.code == .notStored)
            } else {
                #expect(result.verdict == (index == reports.count ? .duplicate : .accepted), "bundle \(index): \(result.outcome)")
            }
        }
        let stored = reports.count - 1
        #expect(try store.summary().bundles == 2 * stored, "each report once, with its receipt")
        let (revisions, receipts) = try store.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report WHERE state = 'received'") ?? 0,
             try String.fetchAll(db, sql: "SELECT id FROM bundle WHERE kind = 'receipt'"))
        }
        #expect(revisions == stored, "each report's revision once")
        for report in reports where report.id != failing { #expect(files.contains(report.id)) }
        for receipt in receipts { #expect(files.contains(receipt)) }
        #expect(try !store.holdsBundle(id: failing))
    }
}
