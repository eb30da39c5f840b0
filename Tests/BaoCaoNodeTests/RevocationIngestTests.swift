import BaoCaoBundle
import BaoCaoCore
import BaoCaoStore
import BaoCaoTesting
import Foundation
import Testing
@testable import BaoCaoNode

/// A CA's revocation list reaching a node in a release, through the one ingestion pipeline.
@Suite("Revocation through ingestion: a CRL in a release refuses what arrives after the revocation, not what came before")
struct RevocationIngestTests {
    static let topology = RecordingIngestTests.topology
    static let pki = RecordingIngestTests.pki

    private static func release(version: Int, previous: AcceptedRelease?, crls: [RevocationList], at now: Date) throws
        -> (data: Data, release: AcceptedRelease) {
        let content = ReleaseContent(
            publisher: "25", version: version, previousHash: previous?.hash, publishedAt: now, expiresAt: now + 86_400 * 90,
            topology: topology.units, catalog: Catalog(),
            trust: TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                             signers: pki.registry.signers, crls: crls.isEmpty ? nil : crls.map(\.pem)))
        let (_, data, release) = try ReleasePublisher(identity: pki.units["25"]!.signing).publish(content, at: now)
        return (data, release)
    }

    @Test func crlInARelease_refusesLaterReports_andKeepsEarlierOnesValid() throws {
        // Whole seconds: a CRL states its dates to the second.
        let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) - 3 * 3600)
        let runtime = try RecordingIngestTests.runtime(home: "25")
        let (v1data, v1) = try Self.release(version: 1, previous: nil, crls: [], at: start)
        #expect(try runtime.ingest(v1data, from: .carrier, now: start) == .accepted)

        // The commune's report arrives before anything is revoked; with no CRL yet, revocation is not checked.
        let writer = BundleWriter(identity: Self.pki.units["08515"]!.signing)
        let early = try SampleReport.write(writer, unit: "08515", to: "25", revision: 1, at: start + 60)
        #expect(try runtime.ingest(early.data, from: .carrier, now: start + 60) == .accepted)
        let stored = try #require(try runtime.store.bundle(id: early.id))
        let unchecked = try runtime.ingestor().trust.check(early.data, now: start + 120, arrivedAt: stored.receivedAt)
        #expect(unchecked.revocation.first?.isChecked == false)

        // The CA revokes the commune's key an hour in; the province publishes its CRL in v2.
        let revokedAt = start + 3600
        let crl = try RevocationList.issue(
            by: Self.pki.root, revoked: [RevokedCertificate(Self.pki.units["08515"]!.signing.certificate, at: revokedAt, reason: "lộ khóa bí mật")],
            thisUpdate: revokedAt, nextUpdate: revokedAt + 7 * 86_400)
        let (v2data, _) = try Self.release(version: 2, previous: v1, crls: [crl], at: start + 7200)
        #expect(try runtime.ingest(v2data, from: .carrier, now: start + 7200) == .accepted)

        // A report signed with the revoked key, arriving after the revocation, is refused with the reason, and nothing is stored.
        let bundlesBefore = try runtime.store.summary().bundles
        let late = try SampleReport.write(writer, unit: "08515", to: "25", revision: 2, at: start + 7300)
        guard case .rejected(let refusal) = try runtime.ingest(late.data, from: .carrier, now: start + 7300) else {
            Issue.record("a report signed with a revoked key was accepted")
            return
        }
        #expect(refusal.code == .certificateRevoked)
        #expect(refusal.message.contains(Self.pki.units["08515"]!.signing.certificate.subject), "\(refusal.message)")
        #expect(refusal.message.contains(Self.pki.root.certificate.subject), "\(refusal.message)")
        #expect(refusal.message.contains(VietnamTime.displayText(revokedAt)), "\(refusal.message)")
        #expect(try !runtime.store.holdsBundle(id: late.id))
        #expect(try runtime.store.summary().bundles == bundlesBefore)

        // The report that arrived before the revocation is still valid when checked again now, as of its arrival.
        let trust = try runtime.ingestor().trust
        let again = try trust.check(early.data, now: start + 7400, arrivedAt: stored.receivedAt)
        let status = try #require(again.revocation.first)
        #expect(status.isChecked)
        #expect(status.laterRevocations.map(\.revokedAt) == [revokedAt])
        // Judged as if it arrived now, it would not be.
        #expect(throws: BundleError.self) { try trust.check(early.data, now: start + 7400) }
    }
}
