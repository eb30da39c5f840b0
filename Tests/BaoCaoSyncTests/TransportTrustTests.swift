import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import Foundation
import NIOCore
import Testing
@testable import BaoCaoNode
@testable import BaoCaoSync

/// TLS trusts the anchors of the province release in force, not only those a node was
/// installed with, on both sides of a link, and follows a newly accepted release without
/// a restart (issue 17, item 4): the sync server checks each caller against them, and the
/// sync client makes its HTTPS client again when they change.
@Suite("TLS trusts the anchors of the release in force", .serialized)
struct TransportTrustTests {
    /// A second root CA of the province, which the nodes were not installed with.
    static func newRoot() throws -> SigningIdentity {
        let key = try PrivateKey.generate(.ecP256)
        let certificate = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "CA mới của tỉnh Hoà Bình", unitCode: "17"), key: key,
            validity: DateInterval(start: Date().addingTimeInterval(-3600), duration: 3650 * 86_400))
        return try SigningIdentity(key: key, certificate: certificate)
    }

    /// A node TLS certificate for `unit`, under `root`, naming the unit's host.
    static func nodeIdentity(_ unit: UnitCode, under root: SigningIdentity) throws -> SigningIdentity {
        let key = try PrivateKey.generate(.ecP256)
        let certificate = try CertificateAuthority.issue(
            for: key, subject: DistinguishedName(commonName: "Nút \(unit)", unitCode: unit.rawValue),
            profile: .node(hosts: [DevelopmentPKI.hostName(of: unit)]),
            validity: DateInterval(start: Date().addingTimeInterval(-3600), duration: 365 * 86_400), issuer: root)
        return try SigningIdentity(key: key, certificate: certificate)
    }

    /// Whether the district answered at all (an HTTP status), rather than the TLS handshake failing.
    static func answeredOverHTTP(_ error: any Error) -> Bool {
        if case .parentAnswered = error as? SyncError { return true }
        return false
    }

    /// Should let a commune whose node certificate chains to a root CA the province adds in
    /// a release connect to its district as soon as the district has taken that release —
    /// the same district server, never restarted — after refusing it at the handshake
    /// while only the installed root was trusted.
    @Test func releaseAddingARoot_letsAChildUnderItConnect_withoutRestart() async throws {
        let network = try await LoopbackNetwork()
        do {
            let root = try Self.newRoot()
            let renewed = try Self.nodeIdentity("05290", under: root)
            // Registered for the commune from the start: only the root decides.
            let (_, first) = try network.publishRelease(1, after: nil, catalog: LoopbackNetworkTests.catalog,
                                                        registering: ["05290": [renewed.certificate]])
            #expect(try await network.client("157").round().pulled == 1)

            let commune = try network.client("05290", presenting: renewed)
            var refusal: (any Error)?
            do { _ = try await commune.round() } catch { refusal = error }
            let refused = try #require(refusal, "the district still trusts only the installed root")
            #expect(!Self.answeredOverHTTP(refused), "refused at the handshake, not by a request: \(refused)")

            try network.publishRelease(2, after: first, catalog: LoopbackNetworkTests.catalog,
                                       roots: [network.pki.root.certificate, root.certificate], registering: ["05290": [renewed.certificate]])
            #expect(try await network.client("157").round().pulled == 1)

            // The same district server, the same commune client: both releases come down.
            let round = try await commune.round()
            #expect(round.pulled == 2 && round.pulledRejected == 0, "\(round)")
            #expect(try network.nodes["05290"]!.runtime.store.latestRelease(publisher: "17")?.version == 2)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// Should refuse a commune whose node certificate chains only to a root CA the
    /// province drops in a release, as soon as the district has taken that release —
    /// on the connection it already had open and on a new one — while a commune under the
    /// root kept still gets the release; the district is never restarted.
    @Test func releaseDroppingARoot_refusesAChildUnderItOnly_withoutRestart() async throws {
        let network = try await LoopbackNetwork()
        do {
            let root = try Self.newRoot()
            let renewed = try Self.nodeIdentity("05290", under: root)
            let both = [network.pki.root.certificate, root.certificate]
            let (_, first) = try network.publishRelease(1, after: nil, catalog: LoopbackNetworkTests.catalog, roots: both,
                                                        registering: ["05290": [renewed.certificate]])
            #expect(try await network.client("157").round().pulled == 1)
            let commune = try network.client("05290", presenting: renewed)
            #expect(try await commune.round().pulled == 1, "trusted while the release in force lists its root")

            try network.publishRelease(2, after: first, catalog: LoopbackNetworkTests.catalog, roots: [network.pki.root.certificate],
                                       registering: ["05290": [renewed.certificate]])
            #expect(try await network.client("157").round().pulled == 1)

            // The connection opened before the release: refused by its next request.
            var refusal: (any Error)?
            do { _ = try await commune.round() } catch { refusal = error }
            #expect(refusal != nil, "a certificate under the dropped root is no longer trusted")
            // A new connection: refused at the handshake.
            refusal = nil
            do { _ = try await network.client("05290", presenting: renewed).round() } catch { refusal = error }
            let refused = try #require(refusal, "a new connection under the dropped root")
            #expect(!Self.answeredOverHTTP(refused), "refused at the handshake, not by a request: \(refused)")
            #expect(try network.nodes["05290"]!.runtime.store.latestRelease(publisher: "17")?.version == 1)

            // The commune's certificate under the root kept: release 2 comes down.
            #expect(try await network.client("05290").round().pulled == 1)
            #expect(try network.nodes["05290"]!.runtime.store.latestRelease(publisher: "17")?.version == 2)
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }

    /// Should make a commune's sync client trust a district whose server certificate chains
    /// to a root CA added by a release, once the commune has that release (here from a USB
    /// stick) — the same client, never made again by hand — after refusing the district's
    /// certificate while only the installed root was trusted.
    @Test func syncClient_followsTheRootsOfANewRelease_withoutRestart() async throws {
        let root = try Self.newRoot()
        let network = try await LoopbackNetwork(serving: ["157": try Self.nodeIdentity("157", under: root)])
        do {
            let (release, _) = try network.publishRelease(1, after: nil, catalog: LoopbackNetworkTests.catalog,
                                                          roots: [network.pki.root.certificate, root.certificate])
            #expect(try await network.client("157").round().pulled == 1)

            let commune = network.nodes["05290"]!.runtime
            let identity = network.pki.units["05290"]!.node
            let host = DevelopmentPKI.hostName(of: "157")
            let transport = try ParentTransport(runtime: commune, certificatePEM: identity.certificate.pem, keyPEM: identity.key.pem(),
                                                resolving: [host: "127.0.0.1"], connectTimeout: .seconds(3))
            let client = SyncClient(runtime: commune, parentURL: "https://\(host):\(network.nodes["157"]!.port)", parentUnit: "157",
                                    transport: transport)
            do {
                var refusal: (any Error)?
                do { _ = try await client.round() } catch { refusal = error }
                let refused = try #require(refusal, "installed with the first root only, the commune does not trust the district yet")
                #expect(!Self.answeredOverHTTP(refused), "\(refused)")
                #expect(try commune.store.value(of: .lastSync) == nil)

                #expect(try commune.ingest(release, from: .carrier, now: Date()) == .accepted)
                let round = try await client.round()
                #expect(round.pulledRejected == 0, "\(round)")
                #expect(try commune.store.value(of: .lastSync) != nil, "a whole round with the district")
            } catch {
                try? await transport.shutdown()
                throw error
            }
            try await transport.shutdown()
        } catch {
            await network.stop()
            throw error
        }
        await network.stop()
    }
}
