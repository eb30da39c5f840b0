import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// Revocation that reaches every node: the CAs' CRLs travel in releases, and each signer's
/// serial is checked against its issuer's list and the revocation date, against when the
/// bundle arrived.
@Suite("Revocation: CRLs in releases, revocation dates against arrival, not checked without a current CRL")
struct RevocationListTests {
    let network = TestPKI.ec
    var commune: SigningIdentity { network.signing("05290") }
    let now = TestPKI.now
    let day = TestPKI.day

    /// The root's CRL listing `revoked` (by default the commune's signing certificate at `revokedAt`).
    private func crl(revoking revoked: [Certificate]? = nil, at revokedAt: Date, by authority: SigningIdentity? = nil,
                     issued: Date? = nil, nextUpdate: Date? = nil) throws -> RevocationList {
        let certificates = revoked ?? [commune.certificate]
        return try RevocationList.issue(by: authority ?? network.pki.root,
                                        revoked: certificates.map { RevokedCertificate($0, at: revokedAt, reason: "lộ khóa bí mật") },
                                        thisUpdate: issued ?? now - day / 2, nextUpdate: nextUpdate ?? now + 7 * day)
    }

    private func verifier(with lists: [RevocationList]) -> BundleVerifier {
        var verifier = network.verifier
        verifier.registry.revocationLists = RevocationLists(lists)
        return verifier
    }

    @Test func revokedBeforeArrival_isRefused_namingCertificateAuthorityAndDate() throws {
        let (_, data) = try TestPKI.reportBundle(identity: commune, at: now - 3600)
        let revokedAt = now - day
        let verdict = verifier(with: [try crl(at: revokedAt)]).verify(data, now: now)
        #expect(verdict.code == .certificateRevoked)
        let message = try #require(verdict.refusal?.message)
        #expect(message.contains(commune.certificate.subject), "\(message)")
        #expect(message.contains(commune.certificate.serialNumber), "\(message)")
        #expect(message.contains(network.pki.root.certificate.subject), "\(message)")
        #expect(message.contains(VietnamTime.displayText(revokedAt)), "\(message)")
        // Without the list, the same bundle verifies: it is the CRL entry that refuses it.
        #expect(network.verifier.verify(data, now: now).bundle != nil)
    }

    @Test func arrivedBeforeRevocation_staysValid_whenVerifiedAgainAfterTheCRLArrives() throws {
        let arrival = now - 3 * day
        let (_, data) = try TestPKI.reportBundle(identity: commune, at: arrival - 600)
        let revokedAt = now - day
        let checker = verifier(with: [try crl(at: revokedAt)])
        let stored = try #require(checker.verify(data, now: now, arrivedAt: arrival).bundle)
        let status = try #require(stored.revocation.first)
        #expect(status.isChecked)
        #expect(status.laterRevocations.map(\.revokedAt) == [revokedAt])
        #expect(status.summary.contains("sau khi gói tin đến: chữ ký vẫn có giá trị"), "\(status.summary)")
        // The same bytes arriving now, after the revocation, are refused.
        #expect(checker.verify(data, now: now).code == .certificateRevoked)
    }

    /// The province's own list follows the same rule as the CAs' lists.
    @Test func provinceRevocationList_refusesOnlyWhatArrivedAfterIt() throws {
        let arrival = now - 3 * day
        let (_, data) = try TestPKI.reportBundle(identity: commune, at: arrival - 600)
        var checker = network.verifier
        checker.registry.revoked.append(.init(fingerprint: commune.certificate.fingerprint, revokedAt: now - day, reason: "nghỉ việc"))
        let stored = try #require(checker.verify(data, now: now, arrivedAt: arrival).bundle)
        #expect(stored.revocation.first?.laterRevocations.first?.authority == nil)
        let refused = checker.verify(data, now: now)
        #expect(refused.code == .certificateRevoked)
        #expect(refused.refusal?.message.contains("nghỉ việc") == true)
    }

    @Test func noCRL_showsRevocationNotChecked() throws {
        let (_, data) = try TestPKI.reportBundle(identity: commune)
        let bundle = try #require(network.verifier.verify(data, now: now).bundle)
        let status = try #require(bundle.revocation.first)
        #expect(!status.isChecked)
        #expect(status.uncheckedAuthorities.map(\.authority) == [network.pki.root.certificate.subject])
        #expect(status.summary.contains("chưa kiểm tra được tình trạng thu hồi"), "\(status.summary)")
        #expect(status.summary.contains("không có danh sách thu hồi"), "\(status.summary)")
    }

    @Test func expiredCRL_showsNotChecked_butItsEntriesStillCount() throws {
        let (_, data) = try TestPKI.reportBundle(identity: commune)
        let expiredAt = now - 3600
        let stale = try crl(revoking: [network.signing("05293").certificate], at: now - 5 * day, issued: now - 8 * day, nextUpdate: expiredAt)
        let bundle = try #require(verifier(with: [stale]).verify(data, now: now).bundle)
        let status = try #require(bundle.revocation.first)
        #expect(!status.isChecked)
        #expect(status.uncheckedAuthorities.first?.listExpiredAt == expiredAt)
        #expect(status.summary.contains("đã hết hạn từ \(VietnamTime.displayText(expiredAt))"), "\(status.summary)")
        // A revocation it names still refuses: a stale list is not a reason to forget one.
        let (_, other) = try TestPKI.reportBundle(from: "05293", identity: network.signing("05293"))
        #expect(verifier(with: [stale]).verify(other, now: now).code == .certificateRevoked)
    }

    @Test func currentCRLNotListingTheSigner_isChecked() throws {
        let (_, data) = try TestPKI.reportBundle(identity: commune)
        let list = try crl(revoking: [network.signing("05293").certificate], at: now - day)
        let status = try #require(verifier(with: [list]).verify(data, now: now).bundle?.revocation.first)
        #expect(status.isChecked)
        #expect(status.checkedAuthorities == [network.pki.root.certificate.subject])
        #expect(status.laterRevocations.isEmpty)
        #expect(status.summary.hasSuffix(": không bị thu hồi"), "\(status.summary)")
    }

    /// A list signed by another CA, naming the same serial, says nothing about this CA's certificates.
    @Test func listOfAnotherAuthority_isNotConsulted() throws {
        let (_, data) = try TestPKI.reportBundle(identity: commune)
        let foreign = try crl(at: now - day, by: TestPKI.rsa.pki.root)
        let status = try #require(verifier(with: [foreign]).verify(data, now: now).bundle?.revocation.first, "a foreign CRL must not refuse")
        #expect(!status.isChecked)
    }

    @Test func readsPEMAndDER_andRefusesWhatIsNotACRL() throws {
        let list = try crl(at: now - day)
        #expect(try RevocationList.read(Data(list.pem.utf8)) == [list])
        #expect(try RevocationList.read(list.der) == [list])
        #expect(list.entryCount == 1)
        #expect(list.isIssued(by: network.pki.root.certificate))
        #expect(!list.isIssued(by: TestPKI.rsa.pki.root.certificate))
        #expect(list.revocationDate(of: commune.certificate) == now - day)
        #expect(list.revocationDate(of: network.signing("05293").certificate) == nil)
        #expect(throws: BundleError(.invalidRevocationList, message: "", log: "")) { try RevocationList.read(Data("không phải CRL".utf8)) }
        #expect(throws: BundleError(.invalidRevocationList, message: "", log: "")) { try RevocationList.read(list.der + Data([0])) }
        #expect(throws: BundleError(.invalidRevocationList, message: "", log: "")) {
            try RevocationList.read(Data("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n".utf8))
        }
        // A byte changed in the signed part: the root's key no longer verifies it.
        var tampered = list.der
        tampered[tampered.count / 3] ^= 0x01
        if let altered = try? RevocationList(der: tampered) { #expect(!altered.isIssued(by: network.pki.root.certificate)) }
    }

    /// What `pki crl` writes is a CRL plain OpenSSL verifies against the root and reads the same.
    @Test func issuedCRL_verifiesWithOpenSSL() throws {
        let directory = try OpenSSLTool.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(try crl(at: now - day).pem.utf8).write(to: directory.appendingPathComponent("crl.pem"))
        try network.pki.root.certificate.pem.write(to: directory.appendingPathComponent("root.pem"))
        let checked = try OpenSSLTool.run(["crl", "-in", "crl.pem", "-CAfile", "root.pem", "-noout", "-text"], in: directory)
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.contains("verify OK"), "\(checked.output)")
        #expect(checked.output.uppercased().contains(commune.certificate.serialNumber.uppercased()), "\(checked.output)")
    }

    // MARK: - In releases

    private func trustList(crls: [String]? = nil) -> TrustList {
        TrustList(anchors: [String(decoding: network.pki.root.certificate.pem, as: UTF8.self)],
                  publishers: [network.signing("17").certificate.fingerprint], signers: network.pki.registry.signers, crls: crls)
    }

    @Test func releaseWithCRLNotSignedByItsAuthorities_isRefused() throws {
        let foreign = try crl(at: now - day, by: TestPKI.rsa.pki.root)
        let content = ReleaseContent(publisher: "17", version: 1, previousHash: nil, publishedAt: now, expiresAt: now + 90 * day,
                                     topology: TestPKI.topology.units, catalog: Catalog(), trust: trustList(crls: [foreign.pem]))
        let (_, data, _) = try ReleasePublisher(identity: network.signing("17")).publish(content, at: now)
        let bundle = try #require(network.verifier.verify(data, now: now).bundle)
        let gate = ReleaseGate(pinnedPublishers: [network.signing("17").certificate.fingerprint], now: now)
        let decision = gate.evaluate(try AcceptedRelease(bundle: bundle), signedBy: bundle.signer, current: nil)
        guard case .refuse(let error) = decision else { Issue.record("a foreign CRL must refuse the release: \(decision)"); return }
        #expect(error.code == .invalidRevocationList)
        #expect(error.message.contains(TestPKI.rsa.pki.root.certificate.subject), "\(error.message)")

        // The same release with the root's own list is accepted, and its registry consults it.
        var good = content
        good.trust = trustList(crls: [try crl(at: now - day).pem])
        let (_, goodData, _) = try ReleasePublisher(identity: network.signing("17")).publish(good, at: now)
        let goodBundle = try #require(network.verifier.verify(goodData, now: now).bundle)
        let release = try AcceptedRelease(bundle: goodBundle)
        #expect(gate.evaluate(release, signedBy: goodBundle.signer, current: nil) == .accept)
        #expect(release.content.registry.revocationLists.lists.count == 1)
        // A release from before CRLs were carried still reads.
        let old = try JSONSerialization.jsonObject(with: release.bytes) as! [String: Any]
        var oldTrust = old["trust"] as! [String: Any]
        oldTrust.removeValue(forKey: "crls")
        var oldRelease = old
        oldRelease["trust"] = oldTrust
        let oldContent = try ReleaseContent(decoding: JSONSerialization.data(withJSONObject: oldRelease))
        #expect(oldContent.trust?.crls == nil && oldContent.registry.revocationLists.lists.isEmpty)
    }

    @Test func addingLists_checksEach_andKeepsTheNewestPerAuthority() throws {
        let older = try crl(revoking: [], at: now - day, issued: now - 2 * day)
        let newer = try crl(at: now - day, issued: now - day)
        let list = try trustList().adding(revocationLists: [older], at: now).adding(revocationLists: [newer], at: now)
        #expect(list.crls == [newer.pem])
        // The older one arriving after the newer does not replace it.
        #expect(try list.adding(revocationLists: [older], at: now).crls == [newer.pem])
        #expect(throws: BundleError(.invalidRevocationList, message: "", log: "")) {
            try trustList().adding(revocationLists: [try crl(at: now - day, by: TestPKI.rsa.pki.root)], at: now)
        }
        #expect(throws: BundleError(.invalidRevocationList, message: "", log: "")) {
            try trustList().adding(revocationLists: [try crl(at: now - day, issued: now - 9 * day, nextUpdate: now - day)], at: now)
        }
    }
}
