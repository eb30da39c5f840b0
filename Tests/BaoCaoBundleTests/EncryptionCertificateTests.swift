import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// Units' encryption certificates: issued by the province's CA apart from signing ones, and
/// carried in the release's trust list so every node knows to whom it may seal.
@Suite("Encryption certificates: the development PKI, the trust list and the release gate")
struct EncryptionCertificateTests {
    let network = TestPKI.ec

    private func pem(_ certificate: Certificate) -> String { String(decoding: certificate.pem, as: UTF8.self) }

    private var trust: TrustList {
        TrustList(anchors: [pem(network.pki.root.certificate)], publishers: [network.signing("17").certificate.fingerprint],
                  signers: network.pki.registry.signers, encryption: network.pki.registry.encryption)
    }

    @Test func developmentPKI_issuesEncryptionCertificates_apartFromSigningOnes() throws {
        for (code, identities) in network.pki.units {
            let certificate = identities.encryption.certificate
            #expect(certificate.isForEncryption, "\(code)")
            #expect(!identities.signing.certificate.isForEncryption, "\(code)")
            #expect(certificate != identities.signing.certificate && !identities.encryption.key.matches(identities.signing.certificate))
            #expect(certificate.issuer == identities.signing.certificate.issuer)
            #expect(certificate.organizationalUnit == code.rawValue)
            guard case .success = network.trust.chain(for: certificate) else {
                Issue.record("\(code)'s encryption certificate does not chain to the root")
                continue
            }
        }
        #expect(TestPKI.rsa.pki.units["157"]!.encryption.certificate.isForEncryption)

        // Written beside the signing identity, the key readable by its owner only.
        let directory = try OpenSSLTool.scratch().appendingPathComponent("pki")
        try network.pki.write(to: directory)
        let folder = directory.appendingPathComponent("units/05290")
        let written = try Certificate(pem: Data(contentsOf: folder.appendingPathComponent("encryption.pem")))
        #expect(written == network.pki.units["05290"]!.encryption.certificate)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("encryption.key").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let registry = try PKIFiles.decodeRegistry(Data(contentsOf: directory.appendingPathComponent("registry.json")))
        #expect(registry.encryption?["05290"] == [pem(written)])
    }

    @Test func trustList_listsEachUnitsEncryptionCertificates() throws {
        try trust.checkEncryptionCertificates()
        let district = try trust.encryptionCertificates(for: "157")
        #expect(district == [network.pki.units["157"]!.encryption.certificate])
        #expect(try trust.encryptionCertificates(for: "99999").isEmpty)

        // What a node reads from the release seals to the unit, and the unit opens it.
        let sealed = try SealedEnvelope.seal(Data("hồ sơ".utf8), to: district + trust.encryptionCertificates(for: "17"))
        #expect(try SealedEnvelope.open(sealed, with: network.pki.units["157"]!.encryption) == Data("hồ sơ".utf8))

        // A release made before encryption certificates were carried still reads, with none.
        var old = trust
        old.encryption = nil
        let encoded = try JSONEncoder().encode(old)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("encryption"))
        let decoded = try JSONDecoder().decode(TrustList.self, from: encoded)
        #expect(decoded.encryption == nil)
        #expect(try decoded.encryptionCertificates(for: "157").isEmpty)
        try decoded.checkEncryptionCertificates()
    }

    @Test func signingOnlyOrForeignCertificate_listedForEncryption_isRefused() throws {
        var signingOnly = trust
        signingOnly.encryption?["157"] = [pem(network.signing("157").certificate)]
        do {
            try signingOnly.checkEncryptionCertificates()
            Issue.record("a signing certificate passed as an encryption certificate")
        } catch let error as BundleError {
            #expect(error.code == .encryptionCertificateInvalid)
            #expect(error.message.contains("chỉ dùng để ký số") && error.message.contains("157"), "\(error.message)")
        }
        #expect(throws: BundleError.self) { try trust.adding(encryptionCertificate: network.signing("157").certificate, for: "157") }

        // Issued by another CA (the RSA network's root).
        var foreign = trust
        foreign.encryption?["157"] = [pem(TestPKI.rsa.pki.units["157"]!.encryption.certificate)]
        do {
            try foreign.checkEncryptionCertificates()
            Issue.record("a certificate of another CA passed")
        } catch let error as BundleError {
            #expect(error.code == .encryptionCertificateInvalid)
            #expect(error.message.contains("không do tổ chức cấp chứng thư"), "\(error.message)")
        }

        // Adding one checked, once; revoking removes it.
        let added = try trust.adding(encryptionCertificate: network.pki.units["05293"]!.encryption.certificate, for: "05293")
        #expect(try added.encryptionCertificates(for: "05293") == [network.pki.units["05293"]!.encryption.certificate])
        #expect(try added.adding(encryptionCertificate: network.pki.units["05293"]!.encryption.certificate, for: "05293") == added)
        let removed = added.removingEncryptionCertificate(network.pki.units["05293"]!.encryption.certificate.fingerprint)
        #expect(try removed.encryptionCertificates(for: "05293").isEmpty)
    }

    @Test func releaseGate_refusesARelease_listingASigningCertificateForEncryption() throws {
        let province = network.signing("17")
        let gate = ReleaseGate(pinnedPublishers: [province.certificate.fingerprint], now: TestPKI.now)
        func release(_ trust: TrustList) throws -> (AcceptedRelease, Certificate) {
            let content = ReleaseContent(publisher: "17", version: 1, previousHash: nil, publishedAt: TestPKI.now,
                                         expiresAt: TestPKI.now + 180 * TestPKI.day, topology: TestPKI.topology.units,
                                         catalog: Catalog(), trust: trust)
            let (_, data, _) = try ReleasePublisher(identity: province).publish(content, at: TestPKI.now)
            let bundle = try #require(network.verifier.verify(data, now: TestPKI.now).bundle)
            return (try AcceptedRelease(bundle: bundle), bundle.signer)
        }
        let (good, signer) = try release(trust)
        #expect(gate.evaluate(good, signedBy: signer, current: nil) == .accept)
        #expect(try good.content.trust?.encryptionCertificates(for: "05290") == [network.pki.units["05290"]!.encryption.certificate])

        var bad = trust
        bad.encryption?["05290"] = [pem(network.signing("05290").certificate)]
        let (refused, refusedSigner) = try release(bad)
        guard case .refuse(let error) = gate.evaluate(refused, signedBy: refusedSigner, current: nil) else {
            Issue.record("the gate took a release listing a signing certificate for encryption")
            return
        }
        #expect(error.code == .encryptionCertificateInvalid)
    }
}
