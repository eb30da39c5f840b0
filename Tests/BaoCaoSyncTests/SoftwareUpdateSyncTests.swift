import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoStore
import BaoCaoSync
import Foundation
import Testing

/// Software updates over HTTPS with mutual TLS on loopback: down the feeds through the
/// district, versions reported back up at every sync.
@Suite("Software updates over HTTPS: down through the district, versions reported up")
struct SoftwareUpdateSyncTests {
    /// Should carry a signed update of more than one feed page (9 MiB) from the province
    /// through the district to the commune byte for byte; a forged one (signed by the
    /// district's key) is refused by the commune's pipeline; and after the syncs the
    /// province knows the version every unit runs — from the district for the commune —
    /// while a district's claim about a unit outside its subtree is dropped.
    @Test func update_travelsDownTheFeeds_andVersionsTravelUp() async throws {
        let network = try await LoopbackNetwork()
        do {
            try network.publishRelease(1, after: nil, catalog: LoopbackNetworkTests.catalog)
            #expect(try await network.client("157").round().pulled == 1)
            #expect(try await network.client("05290").round().pulled == 1)

            let package = try #require(FileHandle(forReadingAtPath: "/dev/urandom")?.readData(ofLength: 9 << 20))
            let content = UpdatePublisher.content(for: package, named: "baocao_9.0.0_amd64.deb", version: "9.0.0", architecture: "amd64",
                                                  notes: "Bản thử", publisher: "17", after: nil, at: Date())
            let (id, data) = try UpdatePublisher(identity: network.pki.units["17"]!.signing).publish(content, package: package, at: Date())
            #expect(try network.nodes["17"]!.runtime.ingest(data, from: .thisNode, now: Date()) == .accepted)

            #expect(try await network.client("157").round().pulled == 1)
            #expect(try await network.client("05290").round().pulled == 1)
            let commune = network.nodes["05290"]!.runtime
            let held = try #require(try commune.store.latestSoftwareUpdate())
            #expect(held.version == "9.0.0" && held.bundleId == id)
            #expect(try commune.files.read(id) == data)

            // Before installing, the kept bundle is checked again in full and its package read back.
            let waiting = try WaitingUpdate.newest(in: commune.store, files: commune.files, trust: try commune.ingestor().trust,
                                                   newerThan: "0.1.0", now: Date())
            #expect(waiting.content.version == "9.0.0" && waiting.package == package)
            #expect(throws: NodeError(.noUpdateWaiting, message: "", log: "")) {
                try WaitingUpdate.newest(in: commune.store, files: commune.files, trust: try commune.ingestor().trust, newerThan: "9.0.0", now: Date())
            }

            // The district's key cannot make one, even naming the province as publisher.
            let (_, forged) = try UpdatePublisher(identity: network.pki.units["157"]!.signing).publish(
                UpdatePublisher.content(for: package, named: "baocao_9.9.9_amd64.deb", version: "9.9.9", architecture: "amd64",
                                        notes: "", publisher: "17", after: nil, at: Date()),
                package: package, at: Date())
            guard case .rejected(let error) = try commune.ingest(forged, from: .parent, now: Date()) else {
                Issue.record("a forged update was taken")
                return
            }
            #expect(error.code == .unauthorizedUpdatePublisher)
            #expect(try commune.store.latestSoftwareUpdate()?.version == "9.0.0")

            // The district reports the commune's version it saw, with its own, at its next sync.
            _ = try await network.client("157").round()
            let province = network.nodes["17"]!.runtime
            let seen = Dictionary(uniqueKeysWithValues: try province.store.unitVersions().map { ($0.unitCode, $0) })
            #expect(seen["157"]?.version == BaoCaoVersion.current && seen["157"]?.reportedBy == "157")
            #expect(seen["05290"]?.version == BaoCaoVersion.current && seen["05290"]?.reportedBy == "157")
            #expect(seen["17-SKHDT"] == nil)

            // A district cannot speak for the department beside it, nor for itself with a stale time.
            let ignored = try await province.recordVersions(
                [ReportedVersion(unit: "17-SKHDT", version: "0.0.1", seenAt: Date()),
                 ReportedVersion(unit: "05290", version: "0.0.2", seenAt: Date().addingTimeInterval(-86_400))],
                from: "157", now: Date())
            #expect(ignored == 1)
            let after = Dictionary(uniqueKeysWithValues: try province.store.unitVersions().map { ($0.unitCode, $0) })
            #expect(after["17-SKHDT"] == nil)
            #expect(after["05290"]?.version == BaoCaoVersion.current, "an older sighting replaced a newer one")
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }
}
