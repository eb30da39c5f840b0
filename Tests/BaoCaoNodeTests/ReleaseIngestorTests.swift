import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import Testing
@testable import BaoCaoNode

@Suite("Release ingestion")
struct ReleaseIngestorTests {
    static let now = Date()
    static let topology = try! Topology(units: [
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "08515", name: "Xã Hy Cương", kind: .commune, parentCode: "25"),
        ReportingUnit(code: "25-SNNMT", name: "Sở Nông nghiệp và Môi trường", kind: .department, parentCode: "25"),
    ])
    static let pki = try! DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: now.addingTimeInterval(-86_400))
    static let catalog = Catalog(
        indicators: [Indicator(code: "NN01", name: "Diện tích lúa", unitOfMeasure: "ha", valueType: .decimal, decimals: 1)],
        forms: [Form(code: "F1", title: "Biểu", sections: [.init(code: "A", title: "A", rows: ["NN01"])])],
        regimes: [Regime(code: "R1", name: "Tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16)], reporters: ReporterSelection(kinds: [.commune]), form: "F1")])

    private func release(version: Int, previous: AcceptedRelease?) throws -> (data: Data, release: AcceptedRelease) {
        let content = ReleaseContent(
            publisher: "25", version: version, previousHash: previous?.hash, publishedAt: Self.now, expiresAt: Self.now + 86_400 * 90,
            topology: Self.topology.units, catalog: Self.catalog,
            trust: TrustList(anchors: [String(decoding: Self.pki.root.certificate.pem, as: UTF8.self)],
                             publishers: [Self.pki.publisher], signers: Self.pki.registry.signers),
            localScopes: ["25-SNNMT": ["08515"]])
        let (_, data, release) = try ReleasePublisher(identity: Self.pki.units["25"]!.signing).publish(content, at: Self.now)
        return (data, release)
    }

    /// A commune node's ingestion, as after `baocao init` with the sample topology.
    private func ingestor(_ store: NodeStore) throws -> Ingest {
        let bootstrap = NodeTrust.Bootstrap(anchorsPEM: Self.pki.root.certificate.pem, pinnedPublishers: [Self.pki.publisher])
        if try store.topology().units.isEmpty { try store.replaceTopology(Self.topology) }
        let trust = try NodeTrust.load(store: store, bootstrap: bootstrap, clockTolerance: 86_400)
        return Ingest(ingestor: BundleIngestor(store: store, files: BundleFiles(directory: Self.scratch), trust: trust,
                                               home: "08515", topology: try store.topology()))
    }

    struct Ingest {
        let ingestor: BundleIngestor
        func ingest(_ data: Data, now: Date) throws -> IngestOutcome { try ingestor.ingest(data, from: .carrier, now: now) }
    }

    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baocao-sync-\(UUID().uuidString)")

    /// A forged copy with the same manifest (so the same bundle id) but a broken signature
    /// is refused and stores nothing; the genuine bundle is then accepted, not "duplicate".
    @Test func refusedCopy_doesNotBlockTheGenuineBundle() throws {
        let store = try NodeStore.inMemory()
        let (data, _) = try release(version: 1, previous: nil)
        var entries = try BundleArchive(reading: data).allContents()
        var signature = entries["manifest.p7s"]!
        signature[signature.count - 3] ^= 0x01
        entries["manifest.p7s"] = signature
        let forged = try BundleArchive.write([("manifest.json", entries["manifest.json"]!), ("manifest.p7s", signature),
                                              ("release.json", entries["release.json"]!)])
        guard case .rejected(let refusal) = try ingestor(store).ingest(forged, now: Self.now) else { Issue.record("forged copy accepted"); return }
        #expect(refusal.code == .signatureInvalid)
        #expect(try store.releaseHistory().isEmpty)
        #expect(try ingestor(store).ingest(data, now: Self.now) == .accepted)
        #expect(try ingestor(store).ingest(data, now: Self.now) == .duplicate)
        #expect(try store.releaseHistory().count == 1)
    }

    /// An accepted release puts its topology and catalog in force; old versions are kept.
    @Test func acceptedReleases_putTopologyAndCatalogInForce_andKeepHistory() throws {
        let store = try NodeStore.inMemory()
        let (v1data, v1) = try release(version: 1, previous: nil)
        #expect(try ingestor(store).ingest(v1data, now: Self.now) == .accepted)
        #expect(try store.topology() == Self.topology)
        #expect(try store.catalog() == Self.catalog)
        let (v2data, _) = try release(version: 2, previous: v1)
        #expect(try ingestor(store).ingest(v2data, now: Self.now) == .accepted)
        #expect(try store.releaseHistory().map(\.version).sorted() == [1, 2])
        // The same bundle again is a duplicate; at a node that started from v2, v1 is a rollback.
        #expect(try ingestor(store).ingest(v1data, now: Self.now) == .duplicate)
        let fresh = try NodeStore.inMemory()
        #expect(try ingestor(fresh).ingest(v2data, now: Self.now) == .accepted)
        guard case .rejected(let error) = try ingestor(fresh).ingest(v1data, now: Self.now) else { Issue.record("rollback accepted"); return }
        #expect(error.code == .releaseRollback)
    }

    /// A department's granted local release adds its regime to the catalog in force, beside the province's.
    @Test func localRelease_addsToCatalogInForce() throws {
        let store = try NodeStore.inMemory()
        let (v1data, _) = try release(version: 1, previous: nil)
        #expect(try ingestor(store).ingest(v1data, now: Self.now) == .accepted)
        let prefix = LocalNamespace.prefix(for: "25-SNNMT")
        let local = ReleaseContent(
            publisher: "25-SNNMT", version: 1, previousHash: nil, publishedAt: Self.now, expiresAt: Self.now + 86_400 * 30,
            catalog: Catalog(
                indicators: [Indicator(code: prefix + "TT01", name: "Diện tích lúa bị sâu bệnh", unitOfMeasure: "ha", valueType: .decimal, decimals: 1)],
                forms: [Form(code: prefix + "SB", title: "Biểu sâu bệnh", sections: [.init(code: "A", title: "A", rows: [prefix + "TT01"])])],
                regimes: [Regime(code: try RegimeCode(parsing: prefix + "SB-TUAN"), name: "Báo cáo sâu bệnh", type: .thematic, frequency: .monthly,
                                 deadlines: [DeadlineRule(senderKind: .commune, daysAfterCutOff: 2)], reporters: ReporterSelection(units: ["08515"]),
                                 receiver: "25-SNNMT", form: prefix + "SB")]))
        let (_, data, _) = try ReleasePublisher(identity: Self.pki.units["25-SNNMT"]!.signing).publish(local, at: Self.now)
        #expect(try ingestor(store).ingest(data, now: Self.now) == .accepted)
        let catalog = try store.catalog()
        #expect(catalog.regimes.map(\.code.rawValue) == ["R1", prefix + "SB-TUAN"])
        #expect(catalog.indicators.map(\.code) == ["NN01", prefix + "TT01"])
        #expect(catalog.forms.map(\.code) == ["F1", prefix + "SB"])
    }
}
