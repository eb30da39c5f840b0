import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// `manifest.p7s` is written by ``SignedDataBuilder`` (each key signs the attributes' DER;
/// the structure is assembled here) instead of libcrypto's `CMS_sign`: the bytes must be
/// the ones `CMS_sign` makes, so that every verifier — ours, an older node's, plain
/// `openssl cms -verify` — reads it as before.
@Suite("Bundle signatures written as CMS_sign writes them")
struct SignatureWritingTests {
    static let manifest = Data("{\"createdAt\":\"2026-11-18T06:13:20Z\",\"formatVersion\":1,\"kind\":\"report\",\"parts\":[],\"recipient\":\"157\",\"sender\":\"05290\"}".utf8)

    /// RSA PKCS #1 v1.5 is deterministic: the same key over the same attributes gives the
    /// same signature, so the whole DER must be the same, byte for byte.
    @Test func rsaUnit_isByteForByteWhatCMSSignMakes() throws {
        let unit = TestPKI.rsa.signing("05290")
        let ours = try DetachedSignature.sign(Self.manifest, with: unit, at: TestPKI.now)
        let libcrypto = try DetachedSignature.signedDER(Self.manifest, with: unit, at: TestPKI.now, digest: .sha256)
        #expect(ours.der == libcrypto)
    }

    /// An RSA leader beside an RSA unit: both SignerInfos and both chains, in CMS_sign's order.
    @Test func rsaPersonBesideRSAUnit_isByteForByteWhatCMSSignMakes() throws {
        let leader = try DevelopmentPerson.issue(login: "lanhdao", name: "Nguyễn Văn An", title: "Chủ tịch", role: .approver, unit: "05290",
                                                 keyKind: .rsa2048, validity: DateInterval(start: TestPKI.now.addingTimeInterval(-TestPKI.day), duration: 30 * TestPKI.day),
                                                 issuer: PersonalSignatureTests.network.pki.personRoot!).identity
        let unit = TestPKI.rsa.signing("05290")
        let ours = try DetachedSignature.sign(Self.manifest, with: unit, beside: leader, at: TestPKI.now)
        let libcrypto = try DetachedSignature.signedDER(Self.manifest, with: unit, beside: leader, at: TestPKI.now, digest: .sha256)
        #expect(ours.signerCount == 2)
        #expect(ours.der == libcrypto)
    }

    /// ECDSA signatures differ every time; everything around them must not.
    @Test func ecUnit_isCMSSignsStructure_withOnlyTheSignatureValueDiffering() throws {
        let unit = TestPKI.ec.signing("05290")
        let ours = try DERTree([UInt8](DetachedSignature.sign(Self.manifest, with: unit, at: TestPKI.now).der))
        let libcrypto = try DERTree([UInt8](DetachedSignature.signedDER(Self.manifest, with: unit, at: TestPKI.now, digest: .sha256)))
        func withoutSignatureValue(_ tree: DERTree) -> [UInt8] {
            var tree = tree
            tree[1, 0, 4, 0, 5].content = []  // ContentInfo → SignedData → signerInfos → the one → signature
            return tree.encoded
        }
        #expect(ours[1, 0, 4, 0, 5].content != libcrypto[1, 0, 4, 0, 5].content)
        #expect(withoutSignatureValue(ours) == withoutSignatureValue(libcrypto))
    }

    /// The signature handed back is the one its DER reads as: the same certificates in the
    /// same order, the same signers, their times, and each verifies.
    @Test func signatureAsWritten_isTheSignatureAsRead() throws {
        let network = PersonalSignatureTests.network
        let unit = network.pki.units["05290"]!.signing
        let written = try DetachedSignature.sign(Self.manifest, with: unit, beside: network.person("05290", "lanhdao"), at: TestPKI.now.addingTimeInterval(0.75))
        let read = try DetachedSignature(der: written.der)
        #expect(written.certificates.map(\.fingerprint) == read.certificates.map(\.fingerprint))
        #expect(written.signerCount == read.signerCount)
        #expect(written.signingTime == read.signingTime)
        #expect(written.signingTime == TestPKI.now)
        #expect(written.signers.map(\.identifier) == read.signers.map(\.identifier))
        #expect(written.signers.map(\.signedAttributes) == read.signers.map(\.signedAttributes))
        #expect(written.signers.map { Array($0.signature) } == read.signers.map { Array($0.signature) })
        let digest = try SHA256Digest.digest(of: Self.manifest)
        #expect(try written.verifyEach(contentDigest: digest).map(\.certificate.fingerprint)
                == read.verifyEach(contentDigest: digest).map(\.certificate.fingerprint))
    }

    /// The signing time in the attributes, written from the count of seconds, is what the
    /// Gregorian calendar says, on both sides of UTCTime's years (1950–2049).
    @Test(arguments: [
        "1950-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2000-02-29T12:34:56Z",
        "2026-11-18T06:13:20Z", "2049-12-31T23:59:59Z", "2050-01-01T00:00:00Z", "2100-03-01T01:02:03Z", "1949-12-31T23:59:59Z",
    ])
    func signingTime_isTheCalendarsDate(_ text: String) throws {
        let date = try #require(UTCTimestamp.parse(text))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let digits = [parts.year! % 100, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!]
            .map { String(format: "%02d", $0) }.joined()
        let expected = (1950...2049).contains(parts.year!) ? digits + "Z" : String(parts.year! / 100) + digits + "Z"
        let element = DERWriter.time(date.addingTimeInterval(0.999))
        #expect(element.first == ((1950...2049).contains(parts.year!) ? 0x17 : 0x18))
        #expect(String(decoding: element.dropFirst(2), as: UTF8.self) == expected)
    }
}
