import BaoCaoCore
import Foundation
import Testing
@testable import BaoCaoBundle

@Suite("Enrollment")
struct EnrollmentTests {
    /// A commune makes a key and a request; the province issues a certificate; until the
    /// next release registers it the commune's bundles are refused, and afterwards accepted.
    @Test func csr_issue_register_accept() throws {
        let network = TestPKI.rsa
        let key = try PrivateKey.generate(.rsa2048)
        let request = try CertificateRequest.make(subject: DistinguishedName(commonName: "Xã Văn Sơn", unitCode: "05293"), key: key)
        let received = try CertificateRequest(pem: request.pem)  // as the province reads it
        #expect(received.subject.contains("05293"))
        let certificate = try CertificateAuthority.issue(
            for: received, subject: DistinguishedName(commonName: "Xã Văn Sơn", unitCode: "05293"), profile: .signing,
            validity: DateInterval(start: TestPKI.now - TestPKI.day, duration: 730 * TestPKI.day), issuer: network.pki.root)
        let identity = try SigningIdentity(key: key, certificate: Certificate(pem: certificate.pem))
        let (_, data) = try TestPKI.reportBundle(from: "05293", identity: identity)

        var verifier = network.verifier
        verifier.registry.signers["05293"] = []  // the old certificate was replaced
        #expect(verifier.verify(data, now: TestPKI.now).code == .signerNotRegistered)
        verifier.registry.register(certificate.fingerprint, for: "05293")
        #expect(verifier.verify(data, now: TestPKI.now).bundle?.signer.fingerprint == certificate.fingerprint)
    }

    @Test func tamperedRequest_isRefused() throws {
        let key = try PrivateKey.generate(.ecP256)
        var pem = try CertificateRequest.make(subject: DistinguishedName(commonName: "Xã A", unitCode: "05293"), key: key).pem
        let text = String(decoding: pem, as: UTF8.self)
        var lines = text.split(separator: "\n").map(String.init)
        var middle = Array(lines[2])
        middle[10] = middle[10] == "A" ? "B" : "A"
        lines[2] = String(middle)
        pem = Data((lines.joined(separator: "\n") + "\n").utf8)
        let refusal = #expect(throws: BundleError.self) { try CertificateRequest(pem: pem) }
        #expect(refusal?.code == .invalidRequest)
        #expect(refusal?.message == "Yêu cầu cấp chứng thư (CSR) không hợp lệ: chữ ký của yêu cầu không hợp lệ.")
    }
}
