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

/// A report signed by its commune's leader beside the commune: the district's inbox page
/// and drill-down name who signed it personally, as what, and when.
@Suite("The pages that name a report's personal signer")
struct WebPersonalSignatureTests {
    @Test func inboxAndDrillDown_nameTheLeader() async throws {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let pki = try DevelopmentPKI.make(topology: WebFixture.topology, unitCodes: ["17", "148", "04801"], keyKind: .ecP256,
                                          now: now - 40 * 86_400, persons: true)
        let fixture = try WebFixture(home: "148", bootstrap: .init(anchorsPEM: pki.root.certificate.pem, pinnedPublishers: [pki.publisher],
                                                                 registry: pki.registry))
        var trust = TrustList(anchors: [String(decoding: pki.root.certificate.pem, as: UTF8.self)], publishers: [pki.publisher],
                              signers: pki.registry.signers, nodes: pki.registry.nodes)
        trust.personAnchors = [String(decoding: pki.personRoot!.certificate.pem, as: UTF8.self)]
        trust.persons = pki.persons.flatMap { unit, people in
            people.map { RegisteredPerson(name: $0.identity.certificate.commonName!, title: $0.title, unit: unit, roles: [$0.role],
                                          certificates: [$0.identity.certificate.fingerprint]) }
        }
        trust.personalSignaturesRequiredFrom = now - 86_400
        let content = ReleaseContent(publisher: "17", version: 1, previousHash: nil, publishedAt: now - 3 * 3600, expiresAt: now + 180 * 86_400,
                                     topology: WebFixture.topology.units, catalog: WebFixture.catalog, trust: trust)
        let (_, release, _) = try ReleasePublisher(identity: pki.units["17"]!.signing).publish(content, at: now - 3 * 3600)
        #expect(try fixture.web.work.runtime.ingest(release, from: .carrier, now: now - 3 * 3600) == .accepted)

        let leader = pki.persons["04801"]!.first { $0.role == .approver }!.identity
        let report = try SampleReport.write(BundleWriter(identity: pki.units["04801"]!.signing, person: leader), unit: "04801", to: "148", at: now - 3600)
        #expect(try fixture.web.work.runtime.ingest(report.data, from: .carrier, now: now - 3600) == .accepted)
        // The same report with the commune's signature alone is refused: the release requires the leader's.
        let unitOnly = try SampleReport.write(BundleWriter(identity: pki.units["04801"]!.signing), unit: "04801", to: "148", revision: 2, at: now - 1800)
        guard case .rejected(let refusal) = try fixture.web.work.runtime.ingest(unitOnly.data, from: .carrier, now: now - 1800) else {
            Issue.record("a report without the leader's signature was taken in")
            return
        }
        #expect(refusal.code == .personalSignatureMissing)
        let id = try await fixture.store.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM report WHERE unitCode = '04801'") }
        let reportId = try #require(id)
        // The district accepts it: its decision carries its aggregator's signature too (the leader's would be refused).
        let aggregator = StaffMember(userId: 99, login: "tonghop", displayName: "Chị Bình", roles: [.aggregator])
        let inbox = InboxService(work: NodeWork(runtime: fixture.web.work.runtime, identity: pki.units["148"]!.signing))
        #expect(throws: ServiceError.self) {
            try inbox.accept(report: reportId, by: aggregator, personalSignature: pki.persons["148"]!.first { $0.role == .approver }!.identity, at: now)
        }
        try inbox.accept(report: reportId, by: aggregator, personalSignature: pki.persons["148"]!.first { $0.role == .aggregator }!.identity, at: now)

        try await fixture.application().test(.router) { client in
            let browser = Browser(client)
            try await browser.signIn("lanhdao")
            try await browser.get("/hop-thu/\(reportId)")
            #expect(browser.lastPage.contains("Chữ ký cá nhân"), "\(browser.lastPage)")
            #expect(browser.lastPage.contains("Nguyễn Văn An, Thủ trưởng đơn vị (lãnh đạo phê duyệt), ký lúc"), "\(browser.lastPage)")
            #expect(browser.lastPage.contains("Chữ ký cá nhân và chữ ký của đơn vị hợp lệ"), "\(browser.lastPage)")
            try await browser.get("/tong-hop/don-vi?regime=KTXH-THANG&period=2026-11&unit=04801")
            #expect(browser.lastPage.contains("chữ ký cá nhân: Nguyễn Văn An, Thủ trưởng đơn vị (lãnh đạo phê duyệt)"), "\(browser.lastPage)")
        }
    }
}
