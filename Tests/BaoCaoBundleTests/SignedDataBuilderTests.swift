import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// A report signed by a leader whose key is on a token on their own PC (issue 18, item 3):
/// the node builds the signed attributes, the signature comes back from elsewhere, and the
/// node assembles the CMS itself — which must read, verify and be refused exactly as one
/// made by OpenSSL with both keys in process.
@Suite("A CMS assembled with a person's signature made elsewhere")
struct SignedDataBuilderTests {
    static let network = PersonalSignatureTests.network
    static let unit: UnitCode = "05290"

    static func prepared(_ text: String = "{\"regime\":\"KTXH-THANG\",\"period\":\"2026-10\"}") throws -> PreparedBundle {
        try PreparedBundle(kind: .report, sender: unit, recipient: "157",
                           parts: [BundleWriter.Part(path: "report.json", data: Data(text.utf8))],
                           about: ["regime": "KTXH-THANG", "period": "2026-10", "unit": unit.rawValue], at: TestPKI.now)
    }

    /// What the signing service does with the leader's key: SHA-256 over the attributes' DER.
    static func external(_ attributes: SignedAttributes, signedBy signer: SigningIdentity,
                         certificate: SigningIdentity? = nil) throws -> SignedDataBuilder.ExternalSignature {
        let named = certificate ?? signer
        return SignedDataBuilder.ExternalSignature(certificate: named.certificate, chain: named.chain, attributes: attributes,
                                                   signature: try attributes.signature(with: signer))
    }

    static func assemble(_ prepared: PreparedBundle, _ person: SignedDataBuilder.ExternalSignature) throws -> Data {
        try prepared.assembled(with: person, unit: network.pki.units[unit]!.signing, at: TestPKI.now.addingTimeInterval(120))
    }

    @Test func assembled_verifiesBothSigners_withOurVerifier() throws {
        let network = Self.network
        let prepared = try Self.prepared()
        let leader = network.person(Self.unit, "lanhdao")
        let data = try Self.assemble(prepared, Self.external(try prepared.signedAttributes(), signedBy: leader))
        let verdict = network.verifier().verify(data, now: TestPKI.now.addingTimeInterval(180))
        let bundle = try #require(verdict.bundle, "\(verdict.refusal?.message ?? "")")
        #expect(bundle.id == prepared.id)
        #expect(bundle.signer.organizationalUnit == "05290")
        #expect(bundle.signingTime == TestPKI.now.addingTimeInterval(120))
        let personal = try #require(bundle.personalSignature)
        #expect(personal.person.name == "Nguyễn Văn An")
        #expect(personal.role == .approver)
        #expect(personal.signingTime == TestPKI.now)
        #expect(try DetachedSignature(der: bundle.signatureDER).signerCount == 2)
    }

    /// Plain OpenSSL verifies both SignerInfos given both roots, and refuses without the
    /// persons' root: it checked the assembled person's SignerInfo too.
    @Test func assembled_verifiesWithPlainOpenSSL() throws {
        let network = Self.network
        let prepared = try Self.prepared()
        let data = try Self.assemble(prepared, Self.external(try prepared.signedAttributes(), signedBy: network.person(Self.unit, "lanhdao")))
        let checked = try OpenSSLTool.verifyTwoSigners(data, network: network)
        let directory = checked.directory
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(checked.both.status == 0, "\(checked.both.output)")
        #expect(checked.unitRootOnly.status != 0, "\(checked.unitRootOnly.output)")
        // Another manifest under the same signature: refused by OpenSSL too.
        try Data("{}".utf8).write(to: directory.appendingPathComponent("manifest.json"))
        #expect(try OpenSSLTool.run(OpenSSLTool.cmsVerify + ["-CAfile", "roots.pem"], in: directory).status != 0)
    }

    /// An RSA person beside an EC unit: the person's SignerInfo names rsaEncryption.
    @Test func rsaPerson_besideECUnit_verifies() throws {
        let network = Self.network
        let rsa = try DevelopmentPerson.issue(login: "lanhdao2", name: "Lê Văn Cường", title: "Phó chủ tịch", role: .approver, unit: Self.unit,
                                              keyKind: .rsa2048, validity: DateInterval(start: TestPKI.now.addingTimeInterval(-TestPKI.day), duration: 30 * TestPKI.day),
                                              issuer: network.pki.personRoot!)
        var registry = network.registry()
        registry.persons.append(RegisteredPerson(name: "Lê Văn Cường", title: "Phó chủ tịch", unit: Self.unit, roles: [.approver],
                                                 certificates: [rsa.identity.certificate.fingerprint]))
        let prepared = try Self.prepared()
        let data = try Self.assemble(prepared, Self.external(try prepared.signedAttributes(), signedBy: rsa.identity))
        let verdict = network.verifier(registry: registry).verify(data, now: TestPKI.now.addingTimeInterval(180))
        #expect(verdict.bundle?.personalSignature?.person.name == "Lê Văn Cường", "\(verdict.refusal?.message ?? "")")
    }

    /// A signature by another key than the certificate's: refused as it comes back, naming why.
    @Test func wrongExternalSignature_isRefused_withTheReason() throws {
        let network = Self.network
        let prepared = try Self.prepared()
        let forged = try Self.external(try prepared.signedAttributes(), signedBy: network.person(Self.unit, "tonghop"),
                                       certificate: network.person(Self.unit, "lanhdao"))
        let error = try #require(throws: BundleError.self) { try Self.assemble(prepared, forged) }
        #expect(error.code == .externalSignatureMismatch)
        #expect(error.message.contains("không khớp với khóa công khai trong chứng thư số"), "\(error.message)")
        #expect(error.message.contains("Nguyễn Văn An"), "\(error.message)")
    }

    /// A genuine signature, but over other attributes — another signing time, or the
    /// digest of another manifest — is not a signature of these.
    @Test func signatureOverOtherAttributes_isRefused() throws {
        let network = Self.network
        let leader = network.person(Self.unit, "lanhdao")
        let prepared = try Self.prepared()
        let attributes = try prepared.signedAttributes()
        let otherTime = SignedAttributes(contentDigest: attributes.contentDigest, signingTime: TestPKI.now.addingTimeInterval(-3600))
        var swapped = try Self.external(otherTime, signedBy: leader)
        swapped.attributes = attributes
        let error = try #require(throws: BundleError.self) { try Self.assemble(prepared, swapped) }
        #expect(error.code == .externalSignatureMismatch)

        let otherContent = try Self.prepared("{\"regime\":\"KTXH-THANG\",\"period\":\"2026-09\"}")
        let elsewhere = try Self.external(try otherContent.signedAttributes(), signedBy: leader)
        let mismatch = try #require(throws: BundleError.self) { try Self.assemble(prepared, elsewhere) }
        #expect(mismatch.code == .externalSignatureMismatch)
        #expect(mismatch.message.contains("nội dung khác"), "\(mismatch.message)")
    }

    /// The attributes are DER as OpenSSL writes them — content type, signing time, message
    /// digest, in DER's order — and read back to the same value; anything more or other is refused.
    @Test func signedAttributes_roundTrip_andRefuseOthers() throws {
        let digest = [UInt8](repeating: 0xAB, count: 32)
        let attributes = SignedAttributes(contentDigest: digest, signingTime: TestPKI.now.addingTimeInterval(0.75))
        let read = try SignedAttributes(der: attributes.der)
        #expect(read == attributes)
        #expect(read.signingTime == TestPKI.now)
        #expect(read.contentDigest == digest)
        let bytes = [UInt8](attributes.der)
        #expect(bytes.first == 0x31)
        // 2026 is written as a UTCTime, `261118…Z`, as OpenSSL does.
        #expect(String(decoding: bytes, as: UTF8.self).contains("261118"))

        var reader = DERReader(bytes: bytes[...])
        let set = try reader.read(tag: 0x31)
        let elements = try DERReader.elements(ofSet: set).map { Array($0.whole) }
        // An extra attribute is refused: nothing is signed that the signer was not shown.
        let extra = DERWriter.sequence([DERWriter.objectIdentifier([0x2A, 0x03]), DERWriter.set([DERWriter.null])])
        let withExtra = try #require(throws: BundleError.self) { try SignedAttributes(der: Data(DERWriter.set(elements + [extra]))) }
        #expect(withExtra.message.contains("ba thuộc tính"), "\(withExtra.message)")
        // Elements out of DER order are refused.
        let unsorted = Data(DERWriter.element(0x31, elements.reversed().flatMap { $0 }))
        let error = try #require(throws: BundleError.self) { try SignedAttributes(der: unsorted) }
        #expect(error.code == .invalidSignedAttributes)
        #expect(error.message.contains("thứ tự"), "\(error.message)")
    }
}
