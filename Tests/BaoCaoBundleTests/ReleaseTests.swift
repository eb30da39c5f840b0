import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

@Suite("Releases: chain, rollback, forks, expiry, key rotation, local releases")
struct ReleaseTests {
    let network = TestPKI.ec
    var province: SigningIdentity { network.signing("17") }

    static let catalog = Catalog(
        indicators: [Indicator(code: "NS01", name: "Thu ngân sách", unitOfMeasure: "triệu đồng", valueType: .decimal, decimals: 1)],
        forms: [Form(code: "F1", title: "Biểu tháng", sections: [.init(code: "A", title: "A", rows: ["NS01"])])],
        regimes: [Regime(code: "R1", name: "Báo cáo tháng", type: .periodic, frequency: .monthly,
                         deadlines: [DeadlineRule(senderKind: .commune, day: 16), DeadlineRule(senderKind: .district, day: 18)],
                         reporters: ReporterSelection(kinds: [.commune, .district]), form: "F1")])

    private func content(version: Int, previous: AcceptedRelease?, publishers: [String]? = nil, expiresIn days: Double = 180,
                         tweak: (inout ReleaseContent) -> Void = { _ in }) -> ReleaseContent {
        var content = ReleaseContent(
            publisher: "17", version: version, previousHash: previous?.hash, publishedAt: TestPKI.now,
            expiresAt: TestPKI.now + days * TestPKI.day, topology: TestPKI.topology.units, catalog: Self.catalog,
            trust: TrustList(anchors: [String(decoding: network.pki.root.certificate.pem, as: UTF8.self)],
                             publishers: publishers ?? [province.certificate.fingerprint], signers: network.pki.registry.signers))
        tweak(&content)
        return content
    }

    /// Publishes, then verifies the bundle as a node would, returning the release and its signer.
    private func publish(_ content: ReleaseContent, by identity: SigningIdentity? = nil) throws -> (AcceptedRelease, Certificate) {
        let (_, data, _) = try ReleasePublisher(identity: identity ?? province).publish(content, at: TestPKI.now)
        let bundle = try #require(network.verifier.verify(data, now: TestPKI.now).bundle)
        return (try AcceptedRelease(bundle: bundle), bundle.signer)
    }

    private var gate: ReleaseGate { ReleaseGate(pinnedPublishers: [province.certificate.fingerprint], now: TestPKI.now) }

    @Test func chain_acceptsInOrder_andDuplicatesAreHarmless() throws {
        let (v1, signer1) = try publish(content(version: 1, previous: nil))
        #expect(gate.evaluate(v1, signedBy: signer1, current: nil) == .accept)
        #expect(gate.evaluate(v1, signedBy: signer1, current: v1) == .duplicate)
        let (v2, signer2) = try publish(content(version: 2, previous: v1))
        #expect(gate.evaluate(v2, signedBy: signer2, current: v1) == .accept)
    }

    @Test func olderRelease_isRollback() throws {
        let (v1, signer) = try publish(content(version: 1, previous: nil))
        let (v2, _) = try publish(content(version: 2, previous: v1))
        #expect(gate.evaluate(v1, signedBy: signer, current: v2) == .refuse(BundleError(.releaseRollback, message: "", log: "")))
    }

    @Test func sameVersionOtherContent_isFork() throws {
        let (v1, _) = try publish(content(version: 1, previous: nil))
        let (v2, _) = try publish(content(version: 2, previous: v1))
        let (other, signer) = try publish(content(version: 2, previous: v1) { $0.endpoints = ["157": "https://157.example.vn:8443"] })
        #expect(gate.evaluate(other, signedBy: signer, current: v2) == .refuse(BundleError(.releaseFork, message: "", log: "")))
        let (unchained, signer3) = try publish(content(version: 3, previous: v1))
        #expect(gate.evaluate(unchained, signedBy: signer3, current: v2) == .refuse(BundleError(.releaseFork, message: "", log: "")))
    }

    @Test func skippedVersion_isGap() throws {
        let (v1, _) = try publish(content(version: 1, previous: nil))
        let (v3, signer) = try publish(content(version: 3, previous: v1))
        #expect(gate.evaluate(v3, signedBy: signer, current: v1) == .refuse(BundleError(.releaseGap, message: "", log: "")))
    }

    @Test func expiredRelease_isRefused() throws {
        let (v1, signer) = try publish(content(version: 1, previous: nil, expiresIn: -1))
        #expect(gate.evaluate(v1, signedBy: signer, current: nil) == .refuse(BundleError(.releaseExpired, message: "", log: "")))
    }

    /// A commune's key can sign bundles, but never a release.
    @Test func releaseSignedByCommune_isRefused() throws {
        let (v1, signer) = try publish(content(version: 1, previous: nil))
        #expect(gate.evaluate(v1, signedBy: signer, current: nil) == .accept)
        let (forged, communeSigner) = try publish(content(version: 2, previous: v1), by: network.signing("05290"))
        let decision = gate.evaluate(forged, signedBy: communeSigner, current: v1)
        #expect(decision == .refuse(BundleError(.unauthorizedPublisher, message: "", log: "")))
        // Nor the first release, which must be signed by a pinned key.
        let (genesis, _) = try publish(content(version: 1, previous: nil, publishers: [communeSigner.fingerprint]), by: network.signing("05290"))
        #expect(gate.evaluate(genesis, signedBy: communeSigner, current: nil) == .refuse(BundleError(.unauthorizedPublisher, message: "", log: "")))
    }

    /// Rotating the publisher key: v2, signed by the old key, names the new one; afterwards the retired key is refused.
    @Test func publisherKeyRotation() throws {
        let newKey = try network.identity(for: "17", validity: DateInterval(start: TestPKI.now - TestPKI.day, duration: 365 * TestPKI.day))
        let (v1, oldSigner) = try publish(content(version: 1, previous: nil))
        let (v2, signer2) = try publish(content(version: 2, previous: v1, publishers: [newKey.certificate.fingerprint]))
        #expect(signer2 == oldSigner)
        #expect(gate.evaluate(v2, signedBy: signer2, current: v1) == .accept)
        let (byRetired, retired) = try publish(content(version: 3, previous: v2, publishers: [newKey.certificate.fingerprint]))
        #expect(gate.evaluate(byRetired, signedBy: retired, current: v2) == .refuse(BundleError(.unauthorizedPublisher, message: "", log: "")))
        let (byNew, newSigner) = try publish(content(version: 3, previous: v2, publishers: [newKey.certificate.fingerprint]), by: newKey)
        #expect(gate.evaluate(byNew, signedBy: newSigner, current: v2) == .accept)
    }

    @Test func releaseWithBrokenCatalog_isRefused() throws {
        let (v1, signer) = try publish(content(version: 1, previous: nil) { $0.catalog.regimes[0].form = "KHONG-CO" })
        let decision = gate.evaluate(v1, signedBy: signer, current: nil)
        guard case .refuse(let error) = decision else { Issue.record("expected refusal"); return }
        #expect(error.code == .invalidRelease)
        #expect(error.message.contains("KHONG-CO"))
    }

    // MARK: - Local releases

    private func local(_ publisher: UnitCode, version: Int = 1, previous: AcceptedRelease? = nil, reporters: ReporterSelection,
                       code: RegimeCode? = nil) -> ReleaseContent {
        let prefix = LocalNamespace.prefix(for: publisher)
        return ReleaseContent(
            publisher: publisher, version: version, previousHash: previous?.hash, publishedAt: TestPKI.now,
            expiresAt: TestPKI.now + 90 * TestPKI.day,
            catalog: Catalog(
                indicators: [Indicator(code: prefix + "XD01", name: "Số nhà văn hóa thôn được sửa chữa", unitOfMeasure: "nhà", valueType: .integer)],
                forms: [Form(code: prefix + "F", title: "Biểu chuyên đề", sections: [.init(code: "A", title: "A", rows: [prefix + "XD01"])])],
                regimes: [Regime(code: code ?? (try! RegimeCode(parsing: prefix + "R")), name: "Báo cáo chuyên đề nhà văn hóa", type: .thematic, frequency: .quarterly,
                                 deadlines: [DeadlineRule(senderKind: .commune, day: 20)], reporters: reporters, receiver: publisher, form: prefix + "F")]))
    }

    private func publishLocal(_ content: ReleaseContent) throws -> AcceptedRelease {
        let (_, data, _) = try ReleasePublisher(identity: network.signing(content.publisher)).publish(content, at: TestPKI.now)
        let bundle = try #require(network.verifier.verify(data, now: TestPKI.now).bundle, "local release signed by its unit verifies")
        #expect(bundle.manifest.kind == .localRelease)
        return try AcceptedRelease(bundle: bundle)
    }

    /// Huyện Lạc Sơn sets up a thematic regime for its own communes (seed 002 art. 11.3).
    @Test func localRelease_withinSubtree_isAccepted() throws {
        let (v1, _) = try publish(content(version: 1, previous: nil))
        let release = try publishLocal(local("157", reporters: ReporterSelection(kinds: [.commune], units: ["05290"])))
        #expect(gate.evaluateLocal(release, current: nil, province: v1) == .accept)
    }

    @Test func localRelease_reachingOutsideSubtree_isRefused() throws {
        let (v1, _) = try publish(content(version: 1, previous: nil))
        let release = try publishLocal(local("157", reporters: ReporterSelection(units: ["04789"])))  // a commune of another district
        guard case .refuse(let error) = gate.evaluateLocal(release, current: nil, province: v1) else { Issue.record("expected refusal"); return }
        #expect(error.code == .localReleaseOutOfBounds)
        #expect(error.message.contains("04789"))
    }

    @Test func localRelease_changingProvinceCodes_isRefused() throws {
        let (v1, _) = try publish(content(version: 1, previous: nil))
        let release = try publishLocal(local("157", reporters: ReporterSelection(kinds: [.commune]), code: "R1"))
        guard case .refuse(let error) = gate.evaluateLocal(release, current: nil, province: v1) else { Issue.record("expected refusal"); return }
        #expect(error.code == .localReleaseOutOfBounds)
    }

    /// A department may ask communes across districts only when the province grants it.
    @Test func departmentScope_grantedByProvince() throws {
        let (v1, _) = try publish(content(version: 1, previous: nil))
        let release = try publishLocal(local("17-SKHDT", reporters: ReporterSelection(units: ["05290", "04789"])))
        let ungranted = gate.evaluateLocal(release, current: nil, province: v1)
        #expect(ungranted == .refuse(BundleError(.localReleaseOutOfBounds, message: "", log: "")))
        if case .refuse(let error) = ungranted {
            let regime = LocalNamespace.prefix(for: "17-SKHDT") + "R"
            #expect(error.message == "Bản phát hành của đơn vị 17-SKHDT vượt quá phạm vi cho phép: "
                + "chế độ báo cáo \(regime) yêu cầu đơn vị 05290 báo cáo, ngoài phạm vi của đơn vị.")
        }
        let (v1granted, _) = try publish(content(version: 1, previous: nil) { $0.localScopes = ["17-SKHDT": ["05290", "05293", "04789"]] })
        #expect(gate.evaluateLocal(release, current: nil, province: v1granted) == .accept)
    }

    @Test func localRelease_chain_refusesRollback() throws {
        let (v1, _) = try publish(content(version: 1, previous: nil))
        let first = try publishLocal(local("157", reporters: ReporterSelection(kinds: [.commune])))
        let second = try publishLocal(local("157", version: 2, previous: first, reporters: ReporterSelection(kinds: [.commune], units: ["05293"])))
        #expect(gate.evaluateLocal(second, current: first, province: v1) == .accept)
        #expect(gate.evaluateLocal(first, current: second, province: v1) == .refuse(BundleError(.releaseRollback, message: "", log: "")))
    }
}
