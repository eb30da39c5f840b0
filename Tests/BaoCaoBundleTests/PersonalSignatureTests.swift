import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// A report carries its approving leader's own signature beside the unit's, a decision its
/// deciding officer's (DESIGN §7, issue 18): two SignerInfos in the one CMS over the
/// manifest, each checked for what it stands for.
@Suite("Personal signatures beside the unit's")
struct PersonalSignatureTests {
    /// A network whose development PKI has a person CA and each unit's leader and aggregator.
    final class PersonNetwork: @unchecked Sendable {
        let pki: DevelopmentPKI
        let trust: TrustStore
        let personTrust: TrustStore
        let requiredFrom = TestPKI.now.addingTimeInterval(-10 * TestPKI.day)

        init() throws {
            pki = try DevelopmentPKI.make(topology: TestPKI.topology, keyKind: .ecP256, now: TestPKI.now.addingTimeInterval(-30 * TestPKI.day),
                                          persons: true)
            trust = try TrustStore(anchors: [pki.root.certificate])
            personTrust = try TrustStore(anchors: [pki.personRoot!.certificate])
        }

        func person(_ unit: UnitCode, _ login: String) -> SigningIdentity {
            pki.persons[unit]!.first { $0.login == login }!.identity
        }

        /// The registry a release would carry: units' signers, every development person, and
        /// personal signatures required from ``requiredFrom``.
        func registry(revoked: [SignerRegistry.Revocation] = [], required: Bool = true) -> SignerRegistry {
            var registry = pki.registry
            registry.persons = pki.persons.flatMap { unit, people in
                people.map { RegisteredPerson(name: $0.identity.certificate.commonName!, title: $0.title, unit: unit, roles: [$0.role],
                                              certificates: [$0.identity.certificate.fingerprint]) }
            }
            registry.revoked = revoked
            registry.personalSignaturesRequiredFrom = required ? requiredFrom : nil
            return registry
        }

        func verifier(registry: SignerRegistry? = nil, personTrust: Bool = true) -> BundleVerifier {
            BundleVerifier(trust: trust, registry: registry ?? self.registry(), acceptance: nil, personTrust: personTrust ? self.personTrust : nil)
        }

        func bundle(_ kind: BundleKind = .report, from unit: UnitCode = "05290", to recipient: BundleRecipient = "157",
                    person: SigningIdentity?, at time: Date = TestPKI.now) throws -> Data {
            try BundleWriter(identity: pki.units[unit]!.signing, person: person).write(
                kind: kind, sender: unit, recipient: recipient,
                parts: [BundleWriter.Part(path: "report.json", data: Data("{\"regime\":\"KTXH-THANG\",\"period\":\"2026-10\"}".utf8))],
                about: ["regime": "KTXH-THANG", "period": "2026-10"], at: time).data
        }
    }

    static let network = try! PersonNetwork()

    @Test func leaderAndUnit_bothVerified_andNamed() throws {
        let network = Self.network
        let data = try network.bundle(person: network.person("05290", "lanhdao"))
        let verdict = network.verifier().verify(data, now: TestPKI.now)
        let bundle = try #require(verdict.bundle, "\(verdict.refusal?.message ?? "")")
        #expect(bundle.signer.organizationalUnit == "05290")
        let personal = try #require(bundle.personalSignature)
        #expect(personal.person.name == "Nguyễn Văn An")
        #expect(personal.person.title == "Thủ trưởng đơn vị")
        #expect(personal.role == .approver)
        #expect(personal.signingTime == TestPKI.now)
        #expect(personal.summary.hasPrefix("Nguyễn Văn An, Thủ trưởng đơn vị (lãnh đạo phê duyệt), ký lúc"))
        #expect(try DetachedSignature(der: bundle.signatureDER).signerCount == 2)
    }

    /// Plain OpenSSL verifies both SignerInfos, given both roots; and refuses when it is not
    /// given the person CA — so it really checked the person's signature too.
    @Test func twoSigners_verifyWithPlainOpenSSL() throws {
        let network = Self.network
        let checked = try OpenSSLTool.verifyTwoSigners(try network.bundle(person: network.person("05290", "lanhdao")), network: network)
        #expect(checked.both.status == 0, "\(checked.both.output)")
        #expect(checked.unitRootOnly.status != 0, "\(checked.unitRootOnly.output)")
        let printed = try OpenSSLTool.run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", "manifest.p7s"], in: checked.directory)
        #expect(printed.output.components(separatedBy: "signatureAlgorithm:").count - 1 == 2, "\(printed.output)")
    }

    @Test func unitOnly_afterTheDate_isRefused_before_isValid() throws {
        let network = Self.network
        let late = try network.bundle(person: nil)
        #expect(network.verifier().verify(late, now: TestPKI.now).refusal?.code == .personalSignatureMissing)
        #expect(network.verifier().verify(late, now: TestPKI.now).refusal?.message.contains("chữ ký số cá nhân của lãnh đạo phê duyệt") == true)
        let history = try network.bundle(person: nil, at: network.requiredFrom.addingTimeInterval(-3600))
        let verdict = network.verifier().verify(history, now: TestPKI.now)
        #expect(verdict.bundle != nil, "\(verdict.refusal?.message ?? "")")
        #expect(verdict.bundle?.personalSignature == nil)
        // Receipts and notices never need one.
        let receipt = try network.bundle(.receipt, person: nil)
        #expect(network.verifier().verify(receipt, now: TestPKI.now).bundle != nil)
    }

    @Test func personOfAnotherUnit_isRefused() throws {
        let network = Self.network
        let data = try network.bundle(person: network.person("05293", "lanhdao"))
        let refusal = try #require(network.verifier().verify(data, now: TestPKI.now).refusal)
        #expect(refusal.code == .personNotRegistered)
        #expect(refusal.message.contains("lãnh đạo phê duyệt của đơn vị 05290"), "\(refusal.message)")
        #expect(refusal.message.contains("đơn vị 05293"), "\(refusal.message)")
    }

    @Test func decision_needsTheAggregator_notTheLeader() throws {
        let network = Self.network
        let byAggregator = try network.bundle(.decision, from: "157", to: "05290", person: network.person("157", "tonghop"))
        let verdict = network.verifier().verify(byAggregator, now: TestPKI.now)
        #expect(verdict.bundle?.personalSignature?.role == .aggregator, "\(verdict.refusal?.message ?? "")")
        let byLeader = try network.bundle(.decision, from: "157", to: "05290", person: network.person("157", "lanhdao"))
        #expect(network.verifier().verify(byLeader, now: TestPKI.now).refusal?.code == .personNotRegistered)
    }

    @Test func personCertificateFromTheProvinceCA_isUntrusted() throws {
        let network = Self.network
        // Issued by the province's CA (which issues units' certificates), not a persons' CA.
        let key = try PrivateKey.generate(.ecP256)
        let certificate = try CertificateAuthority.issue(
            for: key, subject: DistinguishedName(commonName: "Nguyễn Văn An", unitCode: "05290"), profile: .signing,
            validity: DateInterval(start: TestPKI.now.addingTimeInterval(-TestPKI.day), duration: 30 * TestPKI.day), issuer: network.pki.root)
        var registry = network.registry()
        registry.persons[registry.persons.firstIndex { $0.unit == "05290" && $0.roles == [.approver] }!].certificates.append(certificate.fingerprint)
        let data = try network.bundle(person: try SigningIdentity(key: key, certificate: certificate))
        #expect(network.verifier(registry: registry).verify(data, now: TestPKI.now).refusal?.code == .untrustedCertificate)
    }

    @Test func personCertificateWithoutNonRepudiation_isRefused() throws {
        let network = Self.network
        let key = try PrivateKey.generate(.ecP256)
        let certificate = try CertificateAuthority.issue(
            for: key, subject: DistinguishedName(commonName: "Nguyễn Văn An", unitCode: "05290"), profile: .node(hosts: []),
            validity: DateInterval(start: TestPKI.now.addingTimeInterval(-TestPKI.day), duration: 30 * TestPKI.day), issuer: network.pki.personRoot!)
        var registry = network.registry()
        registry.persons[registry.persons.firstIndex { $0.unit == "05290" && $0.roles == [.approver] }!].certificates.append(certificate.fingerprint)
        let data = try network.bundle(person: try SigningIdentity(key: key, certificate: certificate))
        #expect(network.verifier(registry: registry).verify(data, now: TestPKI.now).refusal?.code == .personalCertificateNotNonRepudiation)
    }

    @Test func revokedPersonCertificate_isRefused() throws {
        let network = Self.network
        let leader = network.person("05290", "lanhdao")
        let registry = network.registry(revoked: [.init(fingerprint: leader.certificate.fingerprint,
                                                        revokedAt: TestPKI.now.addingTimeInterval(-TestPKI.day), reason: "mất thiết bị")])
        let data = try network.bundle(person: leader)
        #expect(network.verifier(registry: registry).verify(data, now: TestPKI.now).refusal?.code == .certificateRevoked)
    }

    @Test func receiptWithAPersonsSignature_isRefused() throws {
        let network = Self.network
        let data = try network.bundle(.receipt, person: network.person("05290", "lanhdao"))
        #expect(network.verifier().verify(data, now: TestPKI.now).refusal?.code == .personalSignatureNotAllowed)
    }

    @Test func noPersonAuthority_refusesAPersonalSignature() throws {
        let network = Self.network
        let data = try network.bundle(person: network.person("05290", "lanhdao"))
        #expect(network.verifier(personTrust: false).verify(data, now: TestPKI.now).refusal?.code == .noPersonAuthority)
    }

    /// Two unit certificates registered for the sender are not a person's signature.
    @Test func twoUnitSigners_areRefused() throws {
        let network = Self.network
        let second = try TestPKI.ec.identity(for: "05290", validity: DateInterval(start: TestPKI.now.addingTimeInterval(-TestPKI.day), duration: 30 * TestPKI.day))
        var registry = network.registry()
        registry.register(second.certificate.fingerprint, for: "05290")
        let verifier = BundleVerifier(trust: try TrustStore(anchors: [network.pki.root.certificate, TestPKI.ec.pki.root.certificate]),
                                      registry: registry, acceptance: nil, personTrust: network.personTrust)
        let data = try network.bundle(person: second)
        #expect(verifier.verify(data, now: TestPKI.now).refusal?.code == .malformedSignature)
    }

    /// A single-signer reader (backups, the national exchange) refuses two signers rather
    /// than judging only one of them.
    @Test func singleSignerCheck_refusesTwoSigners() throws {
        let network = Self.network
        let data = try network.bundle(person: network.person("05290", "lanhdao"))
        let archive = try BundleArchive(reading: data)
        let signature = try DetachedSignature(der: try #require(try archive.contents(of: "manifest.p7s")))
        #expect(throws: BundleError.self) { try signature.verify(content: try #require(try archive.contents(of: "manifest.json"))) }
    }
}

extension OpenSSLTool {
    /// Runs `openssl cms -verify` on a bundle twice: with the province's and the persons'
    /// roots, and with the province's root alone (which must fail for a person's SignerInfo).
    static func verifyTwoSigners(_ bundle: Data, network: PersonalSignatureTests.PersonNetwork) throws
        -> (both: (status: Int32, output: String), unitRootOnly: (status: Int32, output: String), directory: URL) {
        let directory = try unpacked(bundle, roots: ["roots.pem": network.pki.root.certificate.pem + network.pki.personRoot!.certificate.pem,
                                                     "root.pem": network.pki.root.certificate.pem])
        return (try run(cmsVerify + ["-CAfile", "roots.pem"], in: directory), try run(cmsVerify + ["-CAfile", "root.pem"], in: directory), directory)
    }
}
