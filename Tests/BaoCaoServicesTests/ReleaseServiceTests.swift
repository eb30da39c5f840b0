import BaoCaoBundle
import BaoCaoCore
import BaoCaoNode
import BaoCaoServices
import BaoCaoStore
import Foundation
import Testing

@Suite("Releases: publishing the province's and a unit's own")
struct ReleaseServiceTests {
    /// The province's first release starts its trust list from what the node was installed
    /// with, is in force at once, is queued down to each child, and is audited.
    @Test func firstProvinceRelease_startsFromInstalledTrust_andIsInForce() throws {
        let nodes = try SignedNodes()
        let service = nodes.releases(at: "17")
        #expect(try service.publishesProvinceReleases())

        let release = try service.publish(ReleaseChanges(), by: .node, at: nodes.now)

        #expect(release.publisher == "17" && release.version == 1)
        let inForce = try #require(try nodes.work("17").runtime.ingestor().trust.provinceRelease)
        #expect(inForce.content.version == 1)
        #expect(inForce.content.trust?.publishers == [nodes.pki.publisher])
        #expect(inForce.content.trust?.signers == nodes.pki.registry.signers)
        #expect(Set(inForce.content.topology?.map(\.code) ?? []) == Set(Fixtures.topology.units.map(\.code)))
        #expect(inForce.content.catalog.regimes.map(\.code) == ["KTXH-THANG"])
        let down = try nodes.work("17").store.pendingDeliveries(direction: .down)
        #expect(Set(down.map(\.destination)) == ["148", "149"] && down.allSatisfy { $0.bundleId == release.id })
        let entry = try #require(try nodes.audit("17").last)
        #expect(entry.actor == "node" && entry.action == "release.publish")
        #expect(entry.object == "bundle:\(release.id)" && entry.detail == "phiên bản 1 của 17")
    }

    /// A certificate is registered only if the province's CA issued it; a refused one
    /// publishes nothing and writes nothing to the log.
    @Test func registration_acceptsOnlyTheProvinceCA() throws {
        let nodes = try SignedNodes()
        let service = nodes.releases(at: "17")
        _ = try service.publish(ReleaseChanges(), by: .node, at: nodes.now)
        let entries = try nodes.audit("17").count

        let stranger = try DevelopmentPKI.make(topology: Fixtures.topology, unitCodes: ["17", "04802"], keyKind: .ecP256, now: Date())
        var foreign = ReleaseChanges()
        foreign.registrations = [.init(unit: "04802", certificate: stranger.units["04802"]!.signing.certificate)]
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try service.publish(foreign, by: .node, at: nodes.now) }
        #expect(try nodes.work("17").runtime.ingestor().trust.provinceRelease?.content.version == 1)
        #expect(try nodes.audit("17").count == entries)

        let certificate = try CertificateAuthority.issue(
            for: PrivateKey.generate(.ecP256), subject: DistinguishedName(commonName: "Xã Hai", unitCode: "04802"), profile: .signing,
            validity: DateInterval(start: nodes.now.addingTimeInterval(-60), duration: 86_400), issuer: nodes.pki.root)
        var own = ReleaseChanges()
        own.registrations = [.init(unit: "04802", certificate: certificate)]
        let v2 = try service.publish(own, by: .node, at: nodes.now)
        #expect(v2.version == 2)
        let signers = try nodes.work("17").runtime.ingestor().trust.provinceRelease?.content.trust?.signers["04802"]
        #expect(signers?.contains(certificate.fingerprint) == true)
    }

    /// A revoked certificate leaves its unit's signers and is listed with the reason.
    @Test func revocation_unregisters_andRecordsTheReason() throws {
        let nodes = try SignedNodes()
        let service = nodes.releases(at: "17")
        _ = try service.publish(ReleaseChanges(), by: .node, at: nodes.now)
        let fingerprint = nodes.pki.units["04801"]!.signing.certificate.fingerprint
        var changes = ReleaseChanges()
        changes.revocations = [fingerprint]
        changes.revocationReason = "lộ khóa bí mật"

        _ = try service.publish(changes, by: .node, at: nodes.now)

        let content = try #require(try nodes.work("17").runtime.ingestor().trust.provinceRelease?.content)
        #expect(content.version == 2)
        #expect(content.trust?.signers["04801"]?.contains(fingerprint) == false)
        #expect(content.revoked?.map(\.fingerprint) == [fingerprint] && content.revoked?.first?.reason == "lộ khóa bí mật")
    }

    /// Through the web a person publishes only as the admin; the log names them.
    @Test func publishingAsAPerson_needsTheAdminRole() throws {
        let nodes = try SignedNodes()
        let service = nodes.releases(at: "17")
        #expect(throws: ServiceError(.forbidden, message: "", log: "")) {
            _ = try service.publish(ReleaseChanges(), by: SignedNodes.person("tonghop", [.aggregator, .approver]), at: nodes.now)
        }
        #expect(try nodes.work("17").runtime.ingestor().trust.provinceRelease == nil)
        _ = try service.publish(ReleaseChanges(), by: SignedNodes.person("quantri", [.admin]), at: nodes.now)
        #expect(try nodes.audit("17").last?.actor == "quantri")
    }

    /// A catalog with a problem against the units the release carries is refused, naming
    /// where it came from.
    @Test func catalogWithProblems_isRefused_namingItsFile() throws {
        let nodes = try SignedNodes()
        var changes = ReleaseChanges()
        var catalog = Fixtures.catalog
        catalog.regimes[0].form = "KHONG-CO"
        changes.catalog = catalog
        changes.catalogSource = "danh-muc.yaml"
        do {
            _ = try nodes.releases(at: "17").publish(changes, by: .node, at: nodes.now)
            Issue.record("published a catalog with a problem")
        } catch let error as ServiceError {
            #expect(error.code == .invalidInput)
            #expect(error.message.hasPrefix("Tệp danh-muc.yaml: "), "\(error.message)")
        }
    }

    /// The personnel catalog (seed 003 art. 8.1) travels in the province's release and
    /// stays in the next ones; one whose keeper of records is not a department is refused.
    @Test func personnelCatalog_travelsInTheRelease_keptByADepartment() throws {
        let nodes = try SignedNodes()
        let service = nodes.releases(at: "17")
        let catalog = PersonnelCatalog(
            version: "thu-1", sources: [PersonnelCatalogSource(id: "qd16", title: "Quyết định 16/2020/QĐ-UBND")], authority: "148",
            lists: [PersonnelCatalogList(name: "ethnicities", title: "Dân tộc", article: "8.1e", source: "qd16",
                                         entries: [PersonnelCatalogEntry(code: "01", name: "Kinh", group: "kinh")])],
            ranks: [])
        var byDistrict = ReleaseChanges()
        byDistrict.personnel = catalog
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try service.publish(byDistrict, by: .node, at: nodes.now) }

        var changes = ReleaseChanges()
        changes.topology = Fixtures.topology.units + [ReportingUnit(code: "17-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "17")]
        changes.personnel = catalog
        changes.personnel?.authority = "17-SNV"
        _ = try service.publish(changes, by: .node, at: nodes.now)
        _ = try service.publish(ReleaseChanges(), by: .node, at: nodes.now.addingTimeInterval(60))

        let inForce = try #require(try nodes.work("17").runtime.ingestor().trust.provinceRelease)
        #expect(inForce.content.version == 2)
        #expect(inForce.content.personnel?.authority == "17-SNV")
        #expect(inForce.content.personnel?.list("ethnicities")?.entry(code: "01")?.name == "Kinh")
    }

    /// A district publishes its own catalog only; anything else is the province's.
    @Test func district_publishesOnlyItsCatalog() throws {
        let nodes = try SignedNodes()
        let province = try nodes.releases(at: "17").publish(ReleaseChanges(), by: .node, at: nodes.now)
        #expect(try nodes.releases(at: "148").importRelease(province.data, at: nodes.now) == .accepted)
        let district = nodes.releases(at: "148")
        #expect(try !district.publishesProvinceReleases())

        var topology = ReleaseChanges()
        topology.topology = Fixtures.topology.units
        topology.catalog = Catalog()
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try district.publish(topology, by: .node, at: nodes.now) }
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try district.publish(ReleaseChanges(), by: .node, at: nodes.now) }
    }

    /// A node with no signing key cannot publish.
    @Test func withoutASigningKey_nothingIsPublished() throws {
        let nodes = try SignedNodes()
        let unsigned = ReleaseService(work: NodeWork(runtime: nodes.work("17").runtime, identity: nil), settings: ReleaseSettings())
        #expect(throws: ServiceError(.invalidInput, message: "", log: "")) { try unsigned.publish(ReleaseChanges(), by: .node, at: nodes.now) }
    }
}
