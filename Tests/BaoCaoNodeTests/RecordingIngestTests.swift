import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import Synchronization
import Testing
@testable import BaoCaoNode

/// What a service records with a bundle it makes and takes in itself (a release it
/// publishes), and the node's answers about its parent and about a bundle it only checks.
@Suite("Ingesting with a record in the same commit")
struct RecordingIngestTests {
    static let now = Date()
    static let topology = try! Topology(units: [
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "08515", name: "Xã Hy Cương", kind: .commune, parentCode: "25"),
    ])
    static let pki = try! DevelopmentPKI.make(topology: topology, keyKind: .ecP256, now: now.addingTimeInterval(-86_400))

    static func release(endpoints: [String: String]? = nil) throws -> (id: String, data: Data) {
        var content = ReleaseContent(
            publisher: "25", version: 1, previousHash: nil, publishedAt: now, expiresAt: now + 86_400 * 90,
            topology: topology.units, catalog: Catalog(),
            trust: TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)],
                             publishers: [pki.publisher], signers: pki.registry.signers))
        content.endpoints = endpoints
        let (id, data, _) = try ReleasePublisher(identity: pki.units["25"]!.signing).publish(content, at: now)
        return (id, data)
    }

    static func runtime(home: UnitCode) throws -> NodeRuntime {
        let store = try NodeStore.inMemory()
        try store.replaceTopology(topology)
        let files = BundleFiles(directory: FileManager.default.temporaryDirectory.appendingPathComponent("baocao-recording-\(UUID().uuidString)"))
        return NodeRuntime(store: store, files: files, home: home,
                           bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher]), clockTolerance: 86_400)
    }

    struct Refused: Error {}

    /// The record runs once, for the accepted bundle only; when it fails, the bundle is not
    /// stored either, and offered again it is accepted.
    @Test func record_isCommittedWithTheBundle_orNeither() throws {
        let runtime = try Self.runtime(home: "25")
        let (id, data) = try Self.release()
        let recorded = Mutex(0)

        let failure = #expect(throws: NodeError.self) {
            try runtime.ingest(data, from: .thisNode, now: Self.now) { _ in throw Refused() }
        }
        #expect(failure?.code == .notStored)
        #expect(failure?.message == "Nút nhận chưa lưu được gói tin này; gói tin vẫn được giữ ở nơi gửi và sẽ được gửi lại.")
        #expect(try !runtime.store.holdsBundle(id: id))
        #expect(try runtime.store.latestReleases().isEmpty)

        #expect(try runtime.ingest(data, from: .thisNode, now: Self.now) { _ in recorded.withLock { $0 += 1 } } == .accepted)
        #expect(try runtime.ingest(data, from: .thisNode, now: Self.now) { _ in recorded.withLock { $0 += 1 } } == .duplicate)
        #expect(recorded.withLock { $0 } == 1)
        // The release is in force for what comes next.
        #expect(try runtime.ingestor().trust.provinceRelease?.content.version == 1)
    }

    /// The parent's address: the configured one first, else the release's; none at the top.
    @Test func parent_fromConfiguration_elseFromTheRelease() throws {
        let commune = try Self.runtime(home: "08515")
        #expect(try commune.parent(configuredURL: "https://10.0.0.1:8443")! == ("25", "https://10.0.0.1:8443"))
        // Before any release nothing knows the address.
        #expect(try commune.parent(configuredURL: nil)! == ("25", nil))
        #expect(try commune.ingest(Self.release(endpoints: ["25": "https://10.0.0.2:8443"]).data, from: .carrier, now: Self.now) == .accepted)
        #expect(try commune.parent(configuredURL: nil)! == ("25", "https://10.0.0.2:8443"))
        #expect(try Self.runtime(home: "25").parent(configuredURL: "https://x") == nil)
    }

    /// Checking a release against a node's trust without storing it: a first release from
    /// the pinned key passes, and the node still holds nothing.
    @Test func check_verifiesAReleaseWithoutStoringIt() throws {
        let runtime = try Self.runtime(home: "08515")
        let (id, data) = try Self.release()
        let trust = try runtime.ingestor().trust
        #expect(try trust.check(data, now: Self.now).id == id)
        #expect(try !runtime.store.holdsBundle(id: id))
        var broken = data
        broken[broken.count / 2] ^= 0xFF
        let refusal = #expect(throws: BundleError.self) { try trust.check(broken, now: Self.now) }
        #expect(refusal?.code == .partHashMismatch, "\(String(describing: refusal))")   // the middle of the file is release.json's
    }
}
