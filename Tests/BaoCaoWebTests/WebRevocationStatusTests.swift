import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import BaoCaoTesting
import BaoCaoWeb
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// The received report's page checks its signature again as of when the report arrived:
/// "not checked" while no CRL is published, and still valid — saying the certificate was
/// revoked since — once a CRL revoking the signer after its arrival comes in a release.
@Suite("The inbox page's signature check and revocation")
struct WebRevocationStatusTests {
    static let day: TimeInterval = 86_400

    @discardableResult
    private static func takeIn(_ version: Int, after previous: AcceptedRelease?, crls: [RevocationList], at instant: Date,
                               fixture: WebFixture, pki: DevelopmentPKI) throws -> AcceptedRelease {
        let content = ReleaseContent(
            publisher: "17", version: version, previousHash: previous?.hash, publishedAt: instant, expiresAt: instant + 180 * day,
            topology: WebFixture.topology.units, catalog: WebFixture.catalog,
            trust: TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                             signers: pki.registry.signers, nodes: pki.registry.nodes, crls: crls.isEmpty ? nil : crls.map(\.pem)))
        let (_, data, release) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: instant)
        #expect(try fixture.web.work.runtime.ingest(data, from: .carrier, now: instant) == .accepted, "release \(version)")
        return release
    }

    @Test func receivedReport_staysValid_afterItsSignerIsRevokedLater() async throws {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let pki = try DevelopmentPKI.make(topology: WebFixture.topology, keyKind: .ecP256, now: now - 40 * Self.day)
        let fixture = try WebFixture(home: "148", bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher],
                                                                 registry: pki.registry))
        let v1 = try Self.takeIn(1, after: nil, crls: [], at: now - 3 * 3600, fixture: fixture, pki: pki)
        let commune = pki.units["04801"]!.signing
        let report = try SampleReport.write(BundleWriter(identity: commune), unit: "04801", to: "148", at: now - 2 * 3600)
        #expect(try fixture.web.work.runtime.ingest(report.data, from: .carrier, now: now - 2 * 3600) == .accepted)
        let id = try await fixture.store.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM report WHERE unitCode = '04801'") }
        let reportId = try #require(id)

        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            try await browser.get("/hop-thu/\(reportId)")
            #expect(browser.lastPage.contains("Chữ ký của đơn vị hợp lệ"), "\(browser.lastPage)")
            #expect(browser.lastPage.contains("chưa kiểm tra được tình trạng thu hồi"), "\(browser.lastPage)")

            // The CA revokes the commune's key an hour after the report arrived; its CRL comes in release 2.
            let crl = try RevocationList.issue(by: pki.root, revoked: [RevokedCertificate(commune.certificate, at: now - 3600, reason: "lộ khóa")],
                                               thisUpdate: now - 3600, nextUpdate: now + 7 * Self.day)
            try Self.takeIn(2, after: v1, crls: [crl], at: now - 1800, fixture: fixture, pki: pki)
            try await browser.get("/hop-thu/\(reportId)")
            #expect(browser.lastPage.contains("Chữ ký của đơn vị hợp lệ"), "\(browser.lastPage)")
            #expect(browser.lastPage.contains("đã kiểm tra tình trạng thu hồi"), "\(browser.lastPage)")
            #expect(browser.lastPage.contains("sau khi gói tin đến: chữ ký vẫn có giá trị"), "\(browser.lastPage)")
        }
    }
}
