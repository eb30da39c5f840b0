import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

@Suite("Keys and certificates from files")
struct KeyFileTests {
    /// A unit signs with a password-protected PKCS#12 file, as exported from a USB token's software.
    @Test func pkcs12_roundTrip_andWrongPassword() throws {
        let identity = TestPKI.rsa.signing("157")
        let file = try identity.pkcs12(password: "Mật-khẩu-2026", name: "Huyện Lạc Sơn")
        let loaded = try SigningIdentity(pkcs12: file, password: "Mật-khẩu-2026")
        #expect(loaded.certificate == identity.certificate)
        let (id, data) = try TestPKI.reportBundle(from: "157", to: "17", identity: loaded)
        let verified = TestPKI.rsa.verifier.verify(data, now: TestPKI.now).bundle
        #expect(verified?.id == id)
        #expect(verified?.signer.fingerprint == identity.certificate.fingerprint)
        let wrongPassword = #expect(throws: BundleError.self) { try SigningIdentity(pkcs12: file, password: "sai") }
        #expect(wrongPassword?.code == .invalidPKCS12)
        #expect(wrongPassword?.message == "Không mở được tệp chữ ký số PKCS#12: sai mật khẩu hoặc tệp bị hỏng.")
        let notPKCS12 = #expect(throws: BundleError.self) { try SigningIdentity(pkcs12: Data("không phải p12".utf8), password: "x") }
        #expect(notPKCS12?.code == .invalidPKCS12)
        #expect(notPKCS12?.message == "Tệp không phải tệp chữ ký số PKCS#12 (.p12, .pfx).")
    }

    @Test func encryptedPEMKey_needsItsPassword() throws {
        let identity = TestPKI.ec.signing("157")
        let pem = try identity.key.pem(password: "bí mật")
        #expect(String(decoding: pem, as: UTF8.self).contains("ENCRYPTED"))
        let loaded = try SigningIdentity(keyPEM: pem, certificatePEM: identity.certificate.pem, password: "bí mật")
        #expect(loaded.certificate == identity.certificate)
        do {
            _ = try PrivateKey(pem: pem, password: "sai")
            Issue.record("a wrong password must fail")
        } catch let error as BundleError {
            #expect(error.code == .invalidKey)
            #expect(error.message.contains("sai mật khẩu"))
        }
    }

    @Test func keyOfAnotherCertificate_isRefused() throws {
        let refusal = #expect(throws: BundleError.self) {
            try SigningIdentity(key: TestPKI.ec.signing("157").key, certificate: TestPKI.ec.signing("17").certificate)
        }
        #expect(refusal?.code == .keyMismatch)
        #expect(refusal?.message == "Khóa bí mật không khớp với chứng thư số \(TestPKI.ec.signing("17").certificate.subject).")
    }

    /// RSA keys under 2048 bits are refused.
    @Test func weakRSAKey_isRefused() throws {
        let directory = try OpenSSLTool.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "weak.key"], in: directory)
        #expect(result.status == 0)
        let pem = try Data(contentsOf: directory.appendingPathComponent("weak.key"))
        do {
            _ = try PrivateKey(pem: pem)
            Issue.record("a 1024-bit key must be refused")
        } catch let error as BundleError {
            #expect(error.code == .weakKey)
        }
    }

    /// A PKCS#12 file whose key is RSA 1024 opens (right password) and is then refused as
    /// too weak — after libcrypto has handed out the key and certificate, which are freed.
    @Test func pkcs12WithWeakKey_isRefusedAsWeak() throws {
        let directory = try OpenSSLTool.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = try OpenSSLTool.run(["req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", "weak.key", "-out", "weak.pem",
                                        "-subj", "/CN=weak", "-days", "1"], in: directory)
        #expect(made.status == 0, "\(made.output)")
        let exported = try OpenSSLTool.run(["pkcs12", "-export", "-inkey", "weak.key", "-in", "weak.pem", "-out", "weak.p12",
                                            "-passout", "pass:mat-khau"], in: directory)
        #expect(exported.status == 0, "\(exported.output)")
        let file = try Data(contentsOf: directory.appendingPathComponent("weak.p12"))
        do {
            _ = try SigningIdentity(pkcs12: file, password: "mat-khau")
            Issue.record("a PKCS#12 file with a 1024-bit key must be refused")
        } catch let error as BundleError {
            #expect(error.code == .weakKey)
        }
    }

    /// The PEM BaoCao writes for a certificate and a request is byte for byte what OpenSSL writes.
    @Test func certificateAndRequestPEM_areOpenSSLs() throws {
        let directory = try OpenSSLTool.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = TestPKI.rsa.signing("05290").certificate
        try certificate.der.write(to: directory.appendingPathComponent("signing.der"))
        let fromOpenSSL = try OpenSSLTool.run(["x509", "-inform", "DER", "-in", "signing.der"], in: directory)
        #expect(fromOpenSSL.status == 0)
        #expect(fromOpenSSL.output == String(decoding: certificate.pem, as: UTF8.self))

        let request = try CertificateRequest.make(subject: DistinguishedName(commonName: "Xã Văn Sơn", unitCode: "05293"),
                                                  key: PrivateKey.generate(.ecP256))
        try request.pem.write(to: directory.appendingPathComponent("request.pem"))
        let requestFromOpenSSL = try OpenSSLTool.run(["req", "-in", "request.pem"], in: directory)
        #expect(requestFromOpenSSL.status == 0)
        #expect(requestFromOpenSSL.output == String(decoding: request.pem, as: UTF8.self))
    }

    /// An empty anchors file is "no root certificate", not a failure of libcrypto.
    @Test func emptyAnchorsPEM_saysThereIsNoRoot() throws {
        do {
            _ = try TrustStore(anchorsPEM: Data())
            Issue.record("an empty anchors file must be refused")
        } catch let error as BundleError {
            #expect(error.code == .invalidCertificate)
            #expect(error.message.contains("không có chứng thư gốc"))
        }
    }

    /// Certificates carry the unit's Vietnamese name and code, and their fingerprint is the SHA-256 of the DER.
    @Test func certificate_fieldsAndFingerprint() throws {
        let certificate = TestPKI.ec.signing("05290").certificate
        #expect(certificate.commonName == "Xã Nhân Nghĩa")
        #expect(certificate.organizationalUnit == "05290")
        #expect(certificate.subject.contains("Xã Nhân Nghĩa"))
        #expect(certificate.fingerprint == SHA256Digest.hex(of: certificate.der))
        #expect(certificate.allowsSigning)
        #expect(!certificate.isCertificateAuthority)
        #expect(TestPKI.ec.pki.root.certificate.isCertificateAuthority)
        #expect(try Certificate(pem: certificate.pem) == certificate)
        #expect(try Certificate(der: certificate.der) == certificate)
        #expect(certificate.keyDescription == "EC 256")
        #expect(certificate.serialNumber.count >= 30)
        #expect(certificate.notAfter.timeIntervalSince(certificate.notBefore) == 730 * TestPKI.day)
    }

    /// A stream hashed in pieces has the digest of the whole.
    @Test func hasherInPieces_matchesTheWholeDigest() throws {
        let data = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var hasher = SHA256Hasher()
        for start in stride(from: 0, to: data.count, by: 7_777) {
            try hasher.update(data: data[start..<min(start + 7_777, data.count)])
        }
        #expect(try hasher.finalize() == SHA256Digest.hex(of: data))
        #expect(try SHA256Digest.hexDigest(of: data) == SHA256Digest.hex(of: data))
    }
}
