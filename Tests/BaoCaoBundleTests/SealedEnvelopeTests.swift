import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

/// Records sealed to the units that may read them: CMS AuthEnvelopedData, AES-256-GCM,
/// RSA-OAEP SHA-256 for RSA keys and ECDH SHA-256 for EC keys — opened by each recipient,
/// by `openssl cms -decrypt`, by no one else, and never once a byte changed.
@Suite("Sealed envelopes: AuthEnvelopedData to units' encryption certificates")
struct SealedEnvelopeTests {
    /// A commune's (RSA), a district's and the province's (EC) encryption identities.
    static let rsaCommune = TestPKI.rsa.pki.units["05290"]!.encryption
    static let ecDistrict = TestPKI.ec.pki.units["157"]!.encryption
    static let ecProvince = TestPKI.ec.pki.units["17"]!.encryption
    /// A unit the record is not sealed to.
    static let outsider = TestPKI.ec.pki.units["05293"]!.encryption

    static let record = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }) + Data("Nguyễn Văn Thử — hồ sơ tổng hợp".utf8)

    static func sealed() throws -> Data {
        try SealedEnvelope.seal(record, to: [rsaCommune.certificate, ecDistrict.certificate, ecProvince.certificate])
    }

    private func code(_ body: () throws -> Any) -> BundleError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as BundleError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func threeMixedRecipients_eachOpens_aFourthIsRefused() throws {
        let envelope = try Self.sealed()
        for identity in [Self.rsaCommune, Self.ecDistrict, Self.ecProvince] {
            #expect(try SealedEnvelope.open(envelope, with: identity) == Self.record)
        }
        do {
            _ = try SealedEnvelope.open(envelope, with: Self.outsider)
            Issue.record("a unit the envelope is not sealed to opened it")
        } catch let error as BundleError {
            #expect(error.code == .envelopeNotForThisUnit)
            #expect(error.message.contains("không được niêm phong cho đơn vị này"), "\(error.message)")
        }

        // The recipients are listed without decrypting: who they are and how each gets the key.
        let recipients = try SealedEnvelope.recipients(of: envelope)
        #expect(recipients.count == 3)
        #expect(recipients.filter { $0.names(Self.rsaCommune.certificate) }.map(\.keyManagement) == [.rsaOAEP])
        #expect(recipients.filter { $0.names(Self.ecDistrict.certificate) }.map(\.keyManagement) == [.ecdh])
        #expect(try SealedEnvelope.isSealed(envelope, for: Self.ecProvince.certificate))
        #expect(try !SealedEnvelope.isSealed(envelope, for: Self.outsider.certificate))
        #expect(recipients.contains { $0.identifier == .issuerAndSerialNumber(issuer: Self.rsaCommune.certificate.issuer,
                                                                                serialNumber: Self.rsaCommune.certificate.serialNumber) })

        // Nothing of the record is in the clear, and each sealing uses a fresh key and nonce.
        #expect(envelope.range(of: Data("Nguyễn Văn Thử".utf8)) == nil)
        #expect(try Self.sealed() != envelope)
        #expect(try SealedEnvelope.open(SealedEnvelope.seal(Data(), to: [Self.ecDistrict.certificate]), with: Self.ecDistrict) == Data())
    }

    @Test func opensslDecrypts_forEachRecipient_andFailsForAnotherKey() throws {
        let envelope = try Self.sealed()
        let directory = try OpenSSLTool.scratch()
        try envelope.write(to: directory.appendingPathComponent("record.p7m"))
        for (name, identity) in [("rsa", Self.rsaCommune), ("ec", Self.ecDistrict), ("outsider", Self.outsider)] {
            try identity.certificate.pem.write(to: directory.appendingPathComponent("\(name).pem"))
            try identity.key.pem().write(to: directory.appendingPathComponent("\(name).key"))
        }
        for name in ["rsa", "ec"] {
            let opened = try OpenSSLTool.run(["cms", "-decrypt", "-inform", "DER", "-in", "record.p7m", "-recip", "\(name).pem",
                                              "-inkey", "\(name).key", "-out", "\(name).out"], in: directory)
            #expect(opened.status == 0, "\(opened.output)")
            #expect(try Data(contentsOf: directory.appendingPathComponent("\(name).out")) == Self.record)
        }
        let refused = try OpenSSLTool.run(["cms", "-decrypt", "-inform", "DER", "-in", "record.p7m", "-recip", "outsider.pem",
                                           "-inkey", "outsider.key", "-out", "outsider.out"], in: directory)
        #expect(refused.status != 0)
        // Another key tried against a recipient's certificate fails too.
        let wrongKey = try OpenSSLTool.run(["cms", "-decrypt", "-inform", "DER", "-in", "record.p7m", "-recip", "ec.pem",
                                            "-inkey", "outsider.key", "-out", "wrong.out"], in: directory)
        #expect(wrongKey.status != 0)

        let printed = try OpenSSLTool.run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", "record.p7m"], in: directory)
        #expect(printed.status == 0)
        for expected in ["id-smime-ct-authEnvelopedData", "aes-256-gcm", "rsaesOaep", "sha256", "mgf1",
                         "dhSinglePass-stdDH-sha256kdf-scheme", "id-aes256-wrap"] {
            #expect(printed.output.contains(expected), "\(expected) missing from openssl cms -print")
        }
        #expect(!printed.output.contains("sha1"))
    }

    @Test func aFlippedByte_inCiphertextTagOrWrappedKey_doesNotOpen() throws {
        let envelope = try Self.sealed()
        try #require(envelope.count > Self.record.count + 18)
        // The envelope ends with the 16-byte tag (OCTET STRING), right after the ciphertext.
        let tag = envelope.count - 1
        let ciphertext = envelope.count - 18 - Self.record.count / 2
        for position in [tag, ciphertext] {
            var tampered = envelope
            tampered[position] ^= 0x01
            for identity in [Self.rsaCommune, Self.ecDistrict] {
                #expect(code { try SealedEnvelope.open(tampered, with: identity) } == .envelopeTampered, "byte \(position)")
            }
        }
        // The RSA recipient's wrapped key (its last byte sits right before the next RecipientInfo).
        let recipients = try SealedEnvelope.recipients(of: envelope)
        #expect(recipients.count == 3)
        let wrapped = try #require(Self.encryptedKeyEnd(envelope))
        var tampered = envelope
        tampered[wrapped - 1] ^= 0x01
        #expect(code { try SealedEnvelope.open(tampered, with: Self.rsaCommune) } == .envelopeTampered)
        #expect(try SealedEnvelope.open(tampered, with: Self.ecDistrict) == Self.record)
    }

    /// Where the first KeyTransRecipientInfo's encryptedKey (256 bytes, RSA 2048) ends.
    private static func encryptedKeyEnd(_ envelope: Data) -> Int? {
        let bytes = [UInt8](envelope)
        for index in 0..<(bytes.count - 4) where bytes[index] == 0x04 && bytes[index + 1] == 0x82 && bytes[index + 2] == 0x01 && bytes[index + 3] == 0x00 {
            return index + 4 + 256
        }
        return nil
    }

    @Test func envelopesOutsideTheProfile_madeByOpenSSL_areRefused() throws {
        let directory = try OpenSSLTool.scratch()
        try Self.record.write(to: directory.appendingPathComponent("record.bin"))
        let rsa = Self.rsaCommune, ec = Self.ecDistrict
        try rsa.certificate.pem.write(to: directory.appendingPathComponent("rsa.pem"))
        try ec.certificate.pem.write(to: directory.appendingPathComponent("ec.pem"))
        let oaep = ["-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-keyopt", "rsa_mgf1_md:sha256"]
        let encrypt = ["cms", "-encrypt", "-binary", "-outform", "DER", "-in", "record.bin"]
        let cases: [(name: String, arguments: [String], identity: SigningIdentity, says: String)] = [
            ("cbc", ["-aes256", "-recip", "rsa.pem"] + oaep, rsa, "EnvelopedData"),
            ("pkcs1", ["-aes-256-gcm", "-recip", "rsa.pem"], rsa, "PKCS#1 v1.5"),
            ("aes128", ["-aes-128-gcm", "-recip", "rsa.pem"] + oaep, rsa, "aes-128-gcm"),
            ("oaep-sha1", ["-aes-256-gcm", "-recip", "rsa.pem", "-keyopt", "rsa_padding_mode:oaep"], rsa, "SHA-1"),
            ("ecdh-sha1", ["-aes-256-gcm", "-recip", "ec.pem"], ec, "sha1"),
        ]
        for item in cases {
            let made = try OpenSSLTool.run(encrypt + item.arguments + ["-out", "\(item.name).p7m"], in: directory)
            #expect(made.status == 0, "\(item.name): \(made.output)")
            let envelope = try Data(contentsOf: directory.appendingPathComponent("\(item.name).p7m"))
            do {
                _ = try SealedEnvelope.open(envelope, with: item.identity)
                Issue.record("\(item.name) opened")
            } catch let error as BundleError {
                #expect(error.code == .envelopeAlgorithmNotAllowed, "\(item.name): \(error.code)")
                #expect(error.message.contains(item.says), "\(item.name): \(error.message)")
            }
        }
        // The same tool, in the profile, makes what BaoCao opens.
        let inProfile = try OpenSSLTool.run(encrypt + ["-aes-256-gcm", "-recip", "rsa.pem"] + oaep
                                            + ["-recip", "ec.pem", "-keyopt", "ecdh_kdf_md:sha256", "-out", "good.p7m"], in: directory)
        #expect(inProfile.status == 0, "\(inProfile.output)")
        let good = try Data(contentsOf: directory.appendingPathComponent("good.p7m"))
        #expect(try SealedEnvelope.open(good, with: rsa) == Self.record)
        #expect(try SealedEnvelope.open(good, with: ec) == Self.record)
    }

    @Test func oversizeMalformedAndOtherKinds_areRefused_beforeDecrypting() throws {
        let envelope = try Self.sealed()
        let small = EnvelopeLimits(maximumSize: 4096, maximumRecipients: 16)
        #expect(code { try SealedEnvelope.open(envelope, with: Self.ecDistrict, limits: small) } == .envelopeTooLarge)
        #expect(code { try SealedEnvelope.recipients(of: envelope, limits: small) } == .envelopeTooLarge)
        #expect(code { try SealedEnvelope.seal(Self.record, to: [Self.ecDistrict.certificate], limits: small) } == .envelopeTooLarge)
        let two = EnvelopeLimits(maximumSize: 1 << 20, maximumRecipients: 2)
        #expect(code { try SealedEnvelope.open(envelope, with: Self.ecDistrict, limits: two) } == .envelopeTooLarge)

        #expect(code { try SealedEnvelope.open(envelope.prefix(envelope.count - 40), with: Self.ecDistrict) } == .envelopeMalformed)
        #expect(code { try SealedEnvelope.open(Data("không phải CMS".utf8), with: Self.ecDistrict) } == .envelopeMalformed)
        #expect(code { try SealedEnvelope.open(envelope + Data([0]), with: Self.ecDistrict) } == .envelopeMalformed)

        // A signed bundle's CMS is not a sealed envelope.
        let (_, bundle) = try TestPKI.reportBundle(identity: TestPKI.ec.signing("05290"))
        let signature = try #require(try BundleArchive(reading: bundle).contents(of: "manifest.p7s"))
        #expect(code { try SealedEnvelope.open(signature, with: Self.ecDistrict) } == .envelopeWrongContentType)
    }

    @Test func sealingToASigningCertificate_isRefused() throws {
        let signing = TestPKI.ec.signing("157")
        #expect(!signing.certificate.isForEncryption)
        #expect(Self.ecDistrict.certificate.isForEncryption && Self.rsaCommune.certificate.isForEncryption)
        #expect(code { try SealedEnvelope.seal(Self.record, to: [Self.ecDistrict.certificate, signing.certificate]) } == .envelopeRecipientNotAllowed)
        #expect(code { try SealedEnvelope.seal(Self.record, to: []) } == .envelopeRecipientNotAllowed)
    }
}
