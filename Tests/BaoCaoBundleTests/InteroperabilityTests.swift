import BaoCaoCore
import Foundation
import Testing
import ZIPFoundation
@testable import BaoCaoBundle

@Suite("Bundles and plain OpenSSL")
struct InteroperabilityTests {
    /// A commune's signed report verifies at its district, with the commune's identity.
    @Test(arguments: ["rsa", "ec"])
    func writtenBundle_verifies(kind: String) throws {
        let network = kind == "rsa" ? TestPKI.rsa : TestPKI.ec
        let (id, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let verdict = network.verifier.verify(data, now: TestPKI.now)
        let bundle = try #require(verdict.bundle, "\(verdict.refusal?.message ?? "")")
        #expect(bundle.id == id)
        #expect(bundle.id == SHA256Digest.hex(of: bundle.manifestBytes))
        #expect(bundle.manifest.sender == "05290")
        #expect(bundle.manifest.kind == .report)
        #expect(bundle.signer.organizationalUnit == "05290")
        #expect(bundle.signer.commonName == "Xã Nhân Nghĩa")
        #expect(bundle.signingTime == TestPKI.now)
        #expect(bundle.chain.count == 2)
        let values = (1...200).map { "\"CT\(String(format: "%03d", $0))\":\"\($0 * 7).5\"" }.joined(separator: ",")
        #expect(bundle.part("report.json") == Data("{\"regime\":\"KTXH-THANG\",\"period\":\"2026-10\",\"values\":{\(values)}}".utf8))
    }

    /// Every bundle we write verifies with plain `openssl cms -verify`, as DESIGN §7 promises.
    @Test(arguments: ["rsa", "ec"])
    func writtenBundle_verifiesWithOpenSSL(kind: String) throws {
        let network = kind == "rsa" ? TestPKI.rsa : TestPKI.ec
        let (_, data) = try TestPKI.reportBundle(identity: network.signing("05290"))
        let directory = try OpenSSLTool.unpacked(data, roots: ["root.pem": network.pki.root.certificate.pem])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try OpenSSLTool.run(OpenSSLTool.cmsVerify + ["-CAfile", "root.pem"], in: directory)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Verification successful"))

        // And OpenSSL notices a changed manifest.
        var manifest = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        manifest[manifest.count / 2] ^= 0x01
        try manifest.write(to: directory.appendingPathComponent("manifest.json"))
        let tampered = try OpenSSLTool.run(OpenSSLTool.cmsVerify + ["-CAfile", "root.pem"], in: directory)
        #expect(tampered.status == 4, "\(tampered.output)")   // openssl cms: the signature does not verify
        #expect(tampered.output.contains("Verification failure"), "\(tampered.output)")
    }

    /// A manifest signed by `openssl cms -sign` with a registered certificate is accepted,
    /// whether the signer is named by issuer and serial number or by key identifier.
    @Test(arguments: [("rsa", [String]()), ("ec", []), ("rsa", ["-keyid"]), ("ec", ["-keyid"])])
    func openSSLSignedManifest_isAccepted(kind: String, options: [String]) throws {
        let verdict = try verdictForOpenSSLSignature(kind: kind, options: options)
        #expect(verdict.bundle?.manifest.sender == "05290", "\(verdict.refusal?.message ?? "")")
    }

    /// CMS that OpenSSL accepts but that is outside the bundle profile is refused, naming why.
    @Test(arguments: [
        (["-nodetach"], "tách rời"),
        (["-noattr"], "thuộc tính được ký"),
    ])
    func openSSLSignature_outsideTheProfile_isRefused(options: [String], mention: String) throws {
        let verdict = try verdictForOpenSSLSignature(kind: "rsa", options: options)
        #expect(verdict.refusal?.code == .malformedSignature)
        #expect(verdict.refusal?.message.contains(mention) == true, "\(verdict.refusal?.message ?? "accepted")")
    }

    /// A signature OpenSSL digests with SHA-1 is refused as too weak (``AlgorithmFloor``),
    /// not merely as outside the profile.
    @Test func openSSLSignature_digestedWithSHA1_isRefusedAsTooWeak() throws {
        let verdict = try verdictForOpenSSLSignature(kind: "rsa", options: ["-md", "sha1"])
        #expect(verdict.refusal?.code == .weakAlgorithm)
        #expect(verdict.refusal?.message == "Chữ ký số dùng thuật toán băm SHA-1 quá yếu (tối thiểu SHA-256).")
    }

    private func verdictForOpenSSLSignature(kind: String, options: [String]) throws -> BundleVerdict {
        let network = kind == "rsa" ? TestPKI.rsa : TestPKI.ec
        let identity = network.signing("05290")
        let directory = try OpenSSLTool.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = Data("{\"regime\":\"KTXH-THANG\",\"period\":\"2026-10\",\"values\":{\"NN01\":\"12.5\"}}".utf8)
        let manifest = Manifest(kind: .report, sender: "05290", recipient: "157", createdAt: Date(),
                                parts: [.init(path: "report.json", size: report.count, sha256: SHA256Digest.hex(of: report), mediaType: "application/json")])
        let manifestBytes = try manifest.encoded()
        try manifestBytes.write(to: directory.appendingPathComponent("manifest.json"))
        try identity.certificate.pem.write(to: directory.appendingPathComponent("signer.pem"))
        try identity.key.pem().write(to: directory.appendingPathComponent("signer.key"))
        let signed = try OpenSSLTool.run(["cms", "-sign", "-binary", "-in", "manifest.json", "-signer", "signer.pem",
                                          "-inkey", "signer.key", "-outform", "DER", "-out", "manifest.p7s"]
                                         + (options.contains("-md") ? [] : ["-md", "sha256"]) + options, in: directory)
        #expect(signed.status == 0, "\(signed.output)")
        let signature = try Data(contentsOf: directory.appendingPathComponent("manifest.p7s"))
        let data = try BundleArchive.write([("manifest.json", manifestBytes), ("manifest.p7s", signature), ("report.json", report)])
        return network.verifier.verify(data, now: Date())
    }
}
