import BaoCaoCore
import BaoCaoTesting
import Foundation
import Testing
@testable import BaoCaoBundle

/// Keys on a PKCS#11 token (SoftHSM2 through libp11's engine) sign exactly as keys from
/// files do, and every way a token can refuse is a clear, typed Vietnamese error.
@Suite("Signing with a key on a PKCS#11 token")
struct TokenSigningTests {
    /// Each test stores its own objects on the process's token under ids of its own.
    static func token() throws -> SoftHSMToken { try SoftHSMToken.processWide() }

    /// The commune's identity moved onto a token: the bundle it signs verifies with our
    /// verifier and with plain `openssl cms -verify`, and the token key's raw SHA-256
    /// signature verifies under the certificate.
    @Test(arguments: ["rsa", "ec"])
    func tokenKey_signsBundlesThatVerify(kind: String) throws {
        let network = kind == "rsa" ? TestPKI.rsa : TestPKI.ec
        let token = try Self.token()
        let uri = try token.store(network.signing("05290"), id: kind == "rsa" ? [0x10] : [0x11], object: "xa-\(kind)")
        let identity = try PKCS11Token.signingIdentity(key: uri, module: SoftHSMToken.module, pin: token.pin, now: TestPKI.now)
        #expect(identity.certificate == network.signing("05290").certificate)  // read from the token

        let (id, data) = try TestPKI.reportBundle(identity: identity)
        let verdict = network.verifier.verify(data, now: TestPKI.now)
        let bundle = try #require(verdict.bundle, "\(verdict.refusal?.message ?? "")")
        #expect(bundle.id == id)
        #expect(bundle.signer.organizationalUnit == "05290")

        let directory = try OpenSSLTool.unpacked(data, roots: ["root.pem": network.pki.root.certificate.pem])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try OpenSSLTool.run(OpenSSLTool.cmsVerify + ["-CAfile", "root.pem"], in: directory)
        #expect(result.status == 0, "\(result.output)")

        try Self.expectRawSignatureVerifies(identity, in: directory)
    }

    /// `signSHA256` (what a SignerInfo's signed attributes are signed with) makes a signature
    /// `openssl dgst -verify` accepts, for file keys of both kinds.
    @Test(arguments: ["rsa", "ec"])
    func fileKey_rawSignatureVerifies(kind: String) throws {
        let network = kind == "rsa" ? TestPKI.rsa : TestPKI.ec
        let directory = try OpenSSLTool.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.expectRawSignatureVerifies(network.signing("157"), in: directory)
    }

    static func expectRawSignatureVerifies(_ identity: SigningIdentity, in directory: URL) throws {
        let attributes = Data("signed attributes, DER in real life: Xã Nhân Nghĩa".utf8)
        try attributes.write(to: directory.appendingPathComponent("attributes"))
        try identity.signSHA256(attributes).write(to: directory.appendingPathComponent("signature"))
        try identity.certificate.pem.write(to: directory.appendingPathComponent("signer.pem"))
        let key = try OpenSSLTool.run(["x509", "-in", "signer.pem", "-pubkey", "-noout", "-out", "public.pem"], in: directory)
        #expect(key.status == 0, "\(key.output)")
        let verified = try OpenSSLTool.run(["dgst", "-sha256", "-verify", "public.pem", "-signature", "signature", "attributes"], in: directory)
        #expect(verified.status == 0 && verified.output.contains("Verified OK"), "\(verified.output)")
        var altered = attributes
        altered[0] ^= 0x01
        try altered.write(to: directory.appendingPathComponent("attributes"))
        let refused = try OpenSSLTool.run(["dgst", "-sha256", "-verify", "public.pem", "-signature", "signature", "attributes"], in: directory)
        #expect(refused.status != 0)
    }

    /// A wrong PIN is the token's refusal, said in Vietnamese; neither message nor log line
    /// carries the PIN. (On the spare token: one this process has logged in to would not
    /// check the PIN again.)
    @Test func wrongPIN_isRefused_andNeverShown() throws {
        let token = try SoftHSMToken.processWideSpare()
        let uri = try token.store(TestPKI.rsa.signing("05293"), id: [0x20], object: "sai-pin")
        let wrongPIN = "97531086"
        #expect {
            try PKCS11Token.signingIdentity(key: uri, module: SoftHSMToken.module, pin: wrongPIN, now: TestPKI.now)
        } throws: { error in
            guard let error = error as? BundleError, error.code == .tokenWrongPIN else { return false }
            return error.message.contains("Mã PIN") && !error.message.contains(wrongPIN) && !error.logDescription.contains(wrongPIN)
                && error.logDescription.contains("0xA0")
        }
    }

    /// No token of that label, no object of that id: not found, naming what was looked for.
    @Test func missingTokenOrObject_isNotFound() throws {
        let token = try Self.token()
        try token.store(TestPKI.rsa.signing("148"), id: [0x30], object: "co-that")
        let elsewhere = PKCS11URI(token: "The khac", object: "co-that", modulePath: SoftHSMToken.module)
        let absent = token.uri(id: [0x3F], object: "khong-co")
        for uri in [elsewhere, absent] {
            #expect {
                try PKCS11Token.signingIdentity(key: uri, module: SoftHSMToken.module, pin: token.pin, now: TestPKI.now)
            } throws: { error in
                guard let error = error as? BundleError, error.code == .tokenNotFound else { return false }
                return error.message.contains(uri.shortName) && !error.logDescription.contains(token.pin)
            }
        }
    }

    /// A certificate past its validity (or before it) is refused before anything is signed.
    @Test func expiredOrFutureCertificate_isRefusedBeforeSigning() throws {
        let token = try Self.token()
        let expired = try TestPKI.rsa.identity(for: "04789", validity: DateInterval(start: TestPKI.now - 400 * TestPKI.day, end: TestPKI.now - TestPKI.day))
        let expiredURI = try token.store(expired, id: [0x40], object: "het-han")
        #expect {
            try PKCS11Token.signingIdentity(key: expiredURI, module: SoftHSMToken.module, pin: token.pin, now: TestPKI.now)
        } throws: { error in
            (error as? BundleError)?.code == .signingCertificateExpired && (error as? BundleError)?.message.contains("đã hết hạn") == true
        }
        let future = try TestPKI.rsa.identity(for: "04789", validity: DateInterval(start: TestPKI.now + TestPKI.day, duration: 300 * TestPKI.day))
        let futureURI = try token.store(future, id: [0x41], object: "chua-hieu-luc")
        #expect {
            try PKCS11Token.signingIdentity(key: futureURI, module: SoftHSMToken.module, pin: token.pin, now: TestPKI.now)
        } throws: { error in (error as? BundleError)?.code == .signingCertificateNotYetValid }
        // The same key with a current certificate given beside it signs.
        let current = try TestPKI.rsa.identity(for: "04789", validity: DateInterval(start: TestPKI.now - TestPKI.day, duration: 300 * TestPKI.day))
        let currentURI = try token.store(current, id: [0x42], object: "hien-hanh", withCertificate: false)
        let identity = try PKCS11Token.signingIdentity(key: currentURI, module: SoftHSMToken.module, pin: token.pin,
                                                       certificate: current.certificate, now: TestPKI.now)
        #expect(try TestPKI.reportBundle(from: "04789", to: "148", identity: identity).data.count > 0)
    }

    /// A module that is not there is named, before any engine is loaded for it.
    @Test func missingModule_isNamed() throws {
        let uri = PKCS11URI(token: "A", object: "k")
        #expect {
            try PKCS11Token.signingIdentity(key: uri, module: "/usr/lib/khong-co/libpkcs11.so", pin: "1234", now: TestPKI.now)
        } throws: { error in
            (error as? BundleError)?.code == .tokenModuleMissing && (error as? BundleError)?.message.contains("/usr/lib/khong-co/libpkcs11.so") == true
        }
    }

    /// Every PKCS#11 return value a person can meet maps, in one place, to its error —
    /// `CKR_PIN_LOCKED` among them, which SoftHSM2 never returns.
    @Test(arguments: [
        (UInt(0x0A0), BundleError.Code.tokenWrongPIN), (0x0A1, .tokenWrongPIN), (0x0A2, .tokenWrongPIN),
        (0x0A4, .tokenLocked), (0x0A3, .tokenLocked),
        (0x0E0, .tokenNotFound), (0x032, .tokenNotFound), (0x003, .tokenNotFound),
        (0x101, .tokenWrongPIN), (0x030, .tokenFailure), (0x005, .tokenFailure),
    ])
    func returnValues_mapToTheirErrors(value: UInt, code: BundleError.Code) throws {
        let error = try #require(TokenFailure.error(returnValue: value, token: "\"ky-so\" trên thẻ \"Lãnh đạo\""))
        #expect(error.code == code)
        #expect(error.message.contains("thẻ \"Lãnh đạo\""))
        #expect(error.logDescription.contains("0x" + String(value, radix: 16, uppercase: true)))
        if value == 0x0A4 { #expect(error.message.contains("đã bị khóa")) }
    }

    @Test func success_isNoError() {
        #expect(TokenFailure.error(returnValue: 0, token: "x") == nil)
    }
}
