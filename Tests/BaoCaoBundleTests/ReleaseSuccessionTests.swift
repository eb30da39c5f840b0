import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// The 2025 reform on release chains: Hoà Bình's chain (17) closes naming Phú Thọ (25) as
/// its successor, and 25's first release continues it — and everything else a node of
/// chain 17 might be handed at that moment is refused with its reason.
@Suite("Release chains across the reform: closing, continuing, the succession checked")
struct ReleaseSuccessionTests {
    let network = TestPKI.ec
    var province17: SigningIdentity { network.signing("17") }
    /// Phú Thọ's publisher key, issued by the same root.
    static let province25 = try! TestPKI.ec.identity(for: "25", validity: DateInterval(start: TestPKI.now - 30 * TestPKI.day, duration: 365 * TestPKI.day))
    var province25: SigningIdentity { Self.province25 }

    /// Phú Thọ after the reform: no districts; 05290 continues (05293 merged into it), 04789 continues.
    static let newTopology = try! Topology(units: [
        ReportingUnit(code: "25", name: "Tỉnh Phú Thọ", kind: .province),
        ReportingUnit(code: "25-SKHDT", name: "Sở Tài chính", kind: .department, parentCode: "25"),
        ReportingUnit(code: "05290", name: "Xã Nhân Nghĩa", kind: .commune, parentCode: "25"),
        ReportingUnit(code: "04789", name: "Phường Thái Bình", kind: .commune, parentCode: "25"),
    ])

    static func succession(tweak: (inout [SuccessionLink]) -> Void = { _ in }) -> Succession {
        var links = [
            SuccessionLink(former: "17", successor: "25", share: .whole),
            SuccessionLink(former: "17-SKHDT", successor: "25-SKHDT", share: .whole),
            SuccessionLink(former: "157", successor: "25", share: .archive),
            SuccessionLink(former: "148", successor: "25", share: .archive),
            SuccessionLink(former: "05290", successor: "05290", share: .whole),
            SuccessionLink(former: "05293", successor: "05290", share: .whole),
            SuccessionLink(former: "04789", successor: "04789", share: .whole),
        ]
        tweak(&links)
        return Succession(effective: try! CivilDate(year: 2025, month: 7, day: 1), graceUntil: try! CivilDate(year: 2025, month: 9, day: 30),
                          basis: "Nghị quyết 202/2025/QH15", formerUnits: TestPKI.topology.units, links: links)
    }

    private var trust: TrustList {
        TrustList(anchors: [String(decoding: network.pki.root.certificate.pem, as: UTF8.self)],
                  publishers: [province17.certificate.fingerprint], signers: network.pki.registry.signers)
    }

    private func release17(version: Int, previous: AcceptedRelease?, successor: ReleaseSuccessor? = nil) throws -> (AcceptedRelease, Certificate) {
        var content = ReleaseContent(publisher: "17", version: version, previousHash: previous?.hash, publishedAt: TestPKI.now,
                                     expiresAt: TestPKI.now + 180 * TestPKI.day, topology: TestPKI.topology.units, catalog: ReleaseTests.catalog,
                                     trust: trust)
        content.successor = successor
        return try publish(content, by: province17)
    }

    private var namingPhuTho: ReleaseSuccessor { ReleaseSuccessor(publisher: "25", publisherKeys: [province25.certificate.fingerprint]) }

    private func release25(version: Int = 1, previous: AcceptedRelease? = nil, continuing: [AcceptedRelease], by identity: SigningIdentity? = nil,
                           succession: Succession? = ReleaseSuccessionTests.succession(), publisher: UnitCode = "25") throws -> (AcceptedRelease, Certificate) {
        var units = Self.newTopology.units
        if publisher != "25" { units[0] = ReportingUnit(code: publisher, name: "Tỉnh khác", kind: .province); units = units.map { unit in
            var unit = unit
            if unit.parentCode == "25" { unit.parentCode = publisher }
            return unit
        } }
        let content = ReleaseContent(
            publisher: publisher, version: version, previousHash: previous?.hash, publishedAt: TestPKI.now, expiresAt: TestPKI.now + 180 * TestPKI.day,
            topology: units, catalog: ReleaseTests.catalog,
            trust: TrustList(anchors: [String(decoding: network.pki.root.certificate.pem, as: UTF8.self)],
                             publishers: [province25.certificate.fingerprint], signers: network.pki.registry.signers),
            succession: succession,
            continues: continuing.isEmpty ? nil : continuing.map { ReleaseLink(publisher: $0.content.publisher, version: $0.content.version, hash: $0.hash) })
        return try publish(content, by: identity ?? province25)
    }

    private func publish(_ content: ReleaseContent, by identity: SigningIdentity) throws -> (AcceptedRelease, Certificate) {
        let (_, data, _) = try ReleasePublisher(identity: identity).publish(content, at: TestPKI.now)
        let bundle = try #require(network.verifier.verify(data, now: TestPKI.now).bundle)
        return (try AcceptedRelease(bundle: bundle), bundle.signer)
    }

    /// A node of chain 17 (pinned on 17's key).
    private var gate: ReleaseGate { ReleaseGate(pinnedPublishers: [province17.certificate.fingerprint], now: TestPKI.now) }

    private func refusal(_ decision: ReleaseGate.Decision) -> BundleError? {
        if case .refuse(let error) = decision { return error }
        return nil
    }

    /// Should take 17's closing release, then 25's first release continuing it, then 25's
    /// next release as any chain's.
    @Test func closingThenContinuing_isAccepted() throws {
        let (v1, _) = try release17(version: 1, previous: nil)
        let (closing, signer17) = try release17(version: 2, previous: v1, successor: namingPhuTho)
        #expect(gate.evaluate(closing, signedBy: signer17, current: v1) == .accept)
        let (first25, signer25) = try release25(continuing: [closing])
        #expect(gate.evaluate(first25, signedBy: signer25, current: closing) == .accept)
        let (second25, _) = try release25(version: 2, previous: first25, continuing: [], succession: nil)
        #expect(gate.evaluate(second25, signedBy: signer25, current: first25, ended: [closing]) == .accept)
        // A province that continues its own chain while taking over another's: its own nodes
        // take the continuing release as their next one.
        let (ownNext, _) = try release25(version: 2, previous: first25, continuing: [closing])
        #expect(gate.evaluate(ownNext, signedBy: signer25, current: first25) == .accept)
        // A node set up after the reform, pinned on 25's key, takes 25's first release directly.
        let fresh = ReleaseGate(pinnedPublishers: [province25.certificate.fingerprint], now: TestPKI.now)
        #expect(fresh.evaluate(first25, signedBy: signer25, current: nil) == .accept)
    }

    /// Should refuse 25's first release signed by any key the closing release does not
    /// name — the old chain's own publisher key included.
    @Test func successorSignedByAForeignKey_isRefused() throws {
        let (v1, _) = try release17(version: 1, previous: nil)
        let (closing, _) = try release17(version: 2, previous: v1, successor: namingPhuTho)
        for identity in [province17, network.signing("05290")] {
            let (forged, signer) = try release25(continuing: [closing], by: identity)
            let error = refusal(gate.evaluate(forged, signedBy: signer, current: closing))
            #expect(error?.code == .unauthorizedPublisher)
            #expect(error?.message.contains("tỉnh 25") == true, "\(error?.message ?? "")")
        }
    }

    /// Should refuse any further release of chain 17 once it closed — at a node holding the
    /// closing release, and at one already on 25 (a rollback to 17) — naming the successor.
    @Test func releaseOfTheClosedChain_isRefused_namingTheSuccessor() throws {
        let (v1, _) = try release17(version: 1, previous: nil)
        let (closing, signer17) = try release17(version: 2, previous: v1, successor: namingPhuTho)
        let (after, _) = try release17(version: 3, previous: closing)
        let error = refusal(gate.evaluate(after, signedBy: signer17, current: closing))
        #expect(error?.code == .releaseChainEnded)
        #expect(error?.message == "Chuỗi bản phát hành của 17 đã kết thúc ở phiên bản 2 (tỉnh 25 tiếp nối từ phiên bản 1); "
            + "không nhận thêm bản phát hành nào của chuỗi đó (nhận được phiên bản 3).")
        let (first25, _) = try release25(continuing: [closing])
        let onPhuTho = gate.evaluate(v1, signedBy: signer17, current: first25, ended: [closing])
        #expect(refusal(onPhuTho)?.code == .releaseChainEnded)
        #expect(gate.evaluate(after, signedBy: signer17, current: first25, ended: [closing]) != .accept)
        // The closing release itself arriving again is harmless.
        #expect(gate.evaluate(closing, signedBy: signer17, current: first25, ended: [closing]) == .duplicate)
    }

    /// Should refuse a successor release that does not continue exactly the release the
    /// node holds, or that continues another chain at a node whose chain did not close.
    @Test func continuingReleaseNotNamingTheCurrentOne_isRefused() throws {
        let (v1, _) = try release17(version: 1, previous: nil)
        let (closing, _) = try release17(version: 2, previous: v1, successor: namingPhuTho)
        let (stale, signer25) = try release25(continuing: [v1])
        let error = refusal(gate.evaluate(stale, signedBy: signer25, current: closing))
        #expect(error?.code == .releaseContinuationMismatch)
        #expect(error?.message.contains("17 phiên bản 2") == true, "\(error?.message ?? "")")
        let (unlinked, _) = try release25(continuing: [])
        #expect(refusal(gate.evaluate(unlinked, signedBy: signer25, current: closing))?.code == .releaseContinuationMismatch)
        // Chain 17 still open at v1: 25's release continuing it is refused.
        let (early, _) = try release25(continuing: [closing])
        #expect(refusal(gate.evaluate(early, signedBy: signer25, current: v1))?.code == .releaseContinuationMismatch)
        // Neither another province nor another version of 25 is the named successor.
        let (other, _) = try release25(continuing: [closing], publisher: "26")
        #expect(refusal(gate.evaluate(other, signedBy: signer25, current: closing))?.code == .releaseNotSuccessor)
        let (second, _) = try release25(version: 2, continuing: [closing])
        #expect(refusal(gate.evaluate(second, signedBy: signer25, current: closing))?.code == .releaseNotSuccessor)
    }

    /// Should refuse a release whose succession names a unit the new map does not have,
    /// leaves a former unit without a successor, or makes a cycle — naming the problem.
    @Test(arguments: [
        ("unknown", "99999"),
        ("orphan", "05293 (Xã Văn Sơn) không có đơn vị kế thừa"),
        ("cycle", "vòng"),
    ])
    func invalidSuccession_isRefused_namingTheProblem(_ kind: String, _ named: String) throws {
        let (v1, _) = try release17(version: 1, previous: nil)
        let (closing, _) = try release17(version: 2, previous: v1, successor: namingPhuTho)
        let succession = Self.succession { links in
            switch kind {
            case "unknown": links[5] = SuccessionLink(former: "05293", successor: "99999", share: .whole)
            case "orphan": links.remove(at: 5)
            default:
                links[4] = SuccessionLink(former: "05290", successor: "04789", share: .whole)
                links[6] = SuccessionLink(former: "04789", successor: "05290", share: .whole)
            }
        }
        let (release, signer) = try release25(continuing: [closing], succession: succession)
        let error = refusal(gate.evaluate(release, signedBy: signer, current: closing))
        #expect(error?.code == .releaseSuccessionInvalid)
        #expect(error?.message.contains(named) == true, "\(error?.message ?? "")")
        // The same release with a sound succession is taken.
        let (sound, _) = try release25(continuing: [closing])
        #expect(gate.evaluate(sound, signedBy: signer, current: closing) == .accept)
    }

    /// Should refuse a release whose grace revocations are not its succession's: the
    /// exception for former units' late reports is the succession's alone.
    @Test func graceRevocationWithoutTheSuccession_isRefused() throws {
        let fresh = ReleaseGate(pinnedPublishers: [province25.certificate.fingerprint], now: TestPKI.now)
        let succession = Self.succession()
        let former = network.signing("05293").certificate.fingerprint
        var content = try release25(continuing: []).0.content
        content.revoked = [SuccessionRevocation.revocation(of: former, under: succession)]
        let (made, signer) = try publish(content, by: province25)
        #expect(fresh.evaluate(made, signedBy: signer, current: nil) == .accept)
        var widened = content
        widened.revoked = [SignerRegistry.Revocation(fingerprint: former, revokedAt: SuccessionRevocation.revokedAt(succession), reason: "x",
                                                     graceEnds: SuccessionRevocation.graceEnds(succession) + 365 * TestPKI.day)]
        let (longer, _) = try publish(widened, by: province25)
        #expect(refusal(fresh.evaluate(longer, signedBy: signer, current: nil))?.code == .invalidRelease)
        var bare = content
        bare.succession = nil
        let (unexplained, _) = try publish(bare, by: province25)
        #expect(refusal(fresh.evaluate(unexplained, signedBy: signer, current: nil))?.code == .invalidRelease)
    }

    /// Should pick the open chain among those a node holds, and list the one that ended.
    @Test func provinceChains_pickTheOpenChain() throws {
        let (v1, _) = try release17(version: 1, previous: nil)
        let (closing, _) = try release17(version: 2, previous: v1, successor: namingPhuTho)
        let (first25, _) = try release25(continuing: [closing])
        let both = ProvinceChains(latest: [closing, first25])
        #expect(both.inForce?.hash == first25.hash)
        #expect(both.ended.map(\.hash) == [closing.hash])
        let waiting = ProvinceChains(latest: [closing])
        #expect(waiting.inForce?.hash == closing.hash)
        #expect(waiting.ended.isEmpty)
    }
}
