import Foundation
import Testing

@Suite("baocao pki init-dev / pki issue --profile encryption and release publish: units' encryption certificates")
struct EncryptionCertificateCommandTests {
    /// `pki init-dev` writes each unit's encryption certificate and key (0600) beside its
    /// signing identity; the province's first release carries them in its trust list; a
    /// certificate issued later with `--profile encryption` joins with `--encryption`; a
    /// signing certificate given as one is refused with the reason, and nothing published.
    @Test func initDevWritesThem_theReleaseCarriesThem_aSigningCertificateIsRefused() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let workspace = network.workspace
        let key = try FileManager.default.attributesOfItem(atPath: workspace.path("pki/units/05290/encryption.key"))
        #expect(key[.posixPermissions] as? Int == 0o600)
        let certificate = try String(contentsOfFile: workspace.path("pki/units/05290/encryption.pem"), encoding: .utf8)
        #expect(try TokenCommandTests.openssl(["x509", "-in", "pki/units/05290/encryption.pem", "-noout", "-checkend", "0"], in: workspace.root) == 0)

        let province = try network.node("17")
        let published = try network.run(["release", "publish", "--config", province, "--out", "v1.bcb"])
        #expect(published.status == 0, "\(published.error)")
        let trust = try Self.trustList(of: "v1.bcb", in: network)
        let encryption = try #require(trust["encryption"] as? [String: [String]])
        #expect(Set(encryption.keys) == ["17", "157", "05290"])
        #expect(encryption["05290"] == [certificate])
        let shown = try network.run(["release", "show", "v1.bcb"])
        #expect(shown.output.contains("3 đơn vị có chứng thư mã hóa"), "\(shown.output)")

        // A signing certificate offered as an encryption certificate: refused, nothing written.
        let refused = try network.run(["release", "publish", "--config", province, "--encryption", "157=pki/units/157/signing.pem", "--out", "bad.bcb"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("chỉ dùng để ký số") && refused.error.contains("157"), "\(refused.error)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("bad.bcb")))

        // A unit enrolled later gets one from the province's CA, and the next release lists it.
        let csr = try network.run(["pki", "csr", "--unit", "05293", "--name", "Xã Văn Sơn", "--key-out", "van-son-enc.key",
                                   "--csr-out", "van-son-enc.csr", "--key-type", "ec"])
        #expect(csr.status == 0, "\(csr.error)")
        let issued = try network.run(["pki", "issue", "--ca", "pki", "--csr", "van-son-enc.csr", "--unit", "05293", "--profile", "encryption",
                                      "--out", "van-son-enc.pem"])
        #expect(issued.status == 0, "\(issued.error)")
        #expect(issued.output.contains("--encryption 05293=van-son-enc.pem"), "\(issued.output)")
        let v2 = try network.run(["release", "publish", "--config", province, "--encryption", "05293=van-son-enc.pem", "--out", "v2.bcb"])
        #expect(v2.status == 0, "\(v2.error)")
        let next = try #require(try Self.trustList(of: "v2.bcb", in: network)["encryption"] as? [String: [String]])
        #expect(next["05293"] == [try String(contentsOfFile: workspace.path("van-son-enc.pem"), encoding: .utf8)])
        #expect(next["05290"] == [certificate])
    }

    /// The `trust` object of a release bundle's `release.json`.
    static func trustList(of bundle: String, in network: SignedNetwork) throws -> [String: Any] {
        let folder = network.workspace.path("unzipped-\(bundle)")
        #expect(try BundleCommandTests.unzip(network.workspace.path(bundle), into: folder) == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("release.json"))
        let release = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(release["trust"] as? [String: Any])
    }
}
