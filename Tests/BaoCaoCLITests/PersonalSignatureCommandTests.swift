import BaoCaoBundle
import BaoCaoCore
import BaoCaoTesting
import Foundation
import Testing

/// The province registers persons and requires their signatures from a date; a commune's
/// leader signs beside the commune; the district sees who signed — all through the CLI.
@Suite("baocao: personal signatures")
struct PersonalSignatureCommandTests {
    @Test func registeredLeader_signsBesideTheUnit_andTheDistrictNamesThem() throws {
        let network = try SignedNetwork(units: ["157", "05290"], persons: true)
        let province = try network.node("17")
        let district = try network.node("157")
        let commune = try network.node("05290")
        #expect(FileManager.default.fileExists(atPath: network.workspace.path("pki/person-root.pem")))
        #expect(FileManager.default.fileExists(atPath: network.workspace.path("pki/units/05290/persons/lanhdao.key")))

        // A person's certificate must come from a persons' CA the release names.
        let noAnchor = try network.run(["release", "publish", "--config", province, "--persons", "pki/persons.json", "--out", "x.bcb"])
        #expect(noAnchor.status == 1)
        #expect(noAnchor.error.contains("Chưa có tổ chức chứng thực nào cho chữ ký cá nhân"), "\(noAnchor.error)")
        // The province's own CA is not a persons' CA: a unit certificate is not registered as a person.
        let yesterday = ISO8601DateFormatter.string(from: Date().addingTimeInterval(-86_400), timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
                                                    formatOptions: [.withFullDate])
        let published = try network.run(["release", "publish", "--config", province, "--person-anchor", "pki/person-root.pem",
                                         "--persons", "pki/persons.json", "--require-personal-signatures-from", yesterday, "--out", "v1.bcb"])
        #expect(published.status == 0, "\(published.error)")
        for node in [district, commune] {
            let imported = try network.run(["release", "import", "--config", node, "v1.bcb"])
            #expect(imported.output == "v1.bcb: accepted\n", "\(imported.output) \(imported.error)")
        }

        try network.workspace.write(#"{"regime":"KTXH-THANG","period":"2026-10","values":{"NN01":"12.5"}}"#, to: "report.json")
        let create = ["bundle", "create", "--config", commune, "--to", "157", "--part", "report.json=report.json"]
        // The commune's key alone no longer makes a report the district would take.
        let unitOnly = try network.run(create + ["--out", "u.bcb"])
        #expect(unitOnly.status == 1)
        #expect(unitOnly.error.contains("phải có chữ ký số cá nhân của lãnh đạo phê duyệt"), "\(unitOnly.error)")
        // Nor with the aggregator's certificate: a report needs an approver's.
        let aggregator = try network.run(create + ["--personal-key", "pki/units/05290/persons/tonghop.key",
                                                   "--personal-certificate", "pki/units/05290/persons/tonghop.pem", "--out", "a.bcb"])
        #expect(aggregator.status == 1)
        #expect(aggregator.error.contains("không được bản phát hành đăng ký là lãnh đạo phê duyệt của đơn vị 05290"), "\(aggregator.error)")

        let signed = try network.run(create + ["--personal-key", "pki/units/05290/persons/lanhdao.key",
                                               "--personal-certificate", "pki/units/05290/persons/lanhdao.pem", "--out", "r.bcb"])
        #expect(signed.status == 0, "\(signed.error)")
        let verified = try network.run(["bundle", "verify", "r.bcb", "--config", district])
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.contains("Chữ ký cá nhân: Nguyễn Văn An, Thủ trưởng đơn vị (lãnh đạo phê duyệt), ký lúc"), "\(verified.output)")
        let inspect = try network.run(["bundle", "inspect", "r.bcb"])
        #expect(inspect.output.components(separatedBy: "Người ký:").count - 1 == 2, "\(inspect.output)")

        // Plain OpenSSL checks both signatures, given both CAs.
        #expect(try BundleCommandTests.unzip(network.workspace.path("r.bcb"), into: network.workspace.path("unzipped")) == 0)
        try network.workspace.write(try String(contentsOfFile: network.workspace.path("pki/root.pem"), encoding: .utf8)
                                    + String(contentsOfFile: network.workspace.path("pki/person-root.pem"), encoding: .utf8), to: "roots.pem")
        let openssl = try TokenCommandTests.openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", "unzipped/manifest.p7s",
                                                     "-content", "unzipped/manifest.json", "-CAfile", "roots.pem", "-purpose", "any",
                                                     "-out", "/dev/null"], in: network.workspace.root)
        #expect(openssl == 0)
    }

    /// The leader's key on a token (SoftHSM2): `--personal-key pkcs11:…` with the PIN from
    /// the environment signs beside the unit; a wrong PIN signs nothing and names the refusal.
    @Test func leaderKeyOnAToken_signsBesideTheUnit() throws {
        let network = try SignedNetwork(units: ["157", "05290"], persons: true)
        let province = try network.node("17")
        let district = try network.node("157")
        let commune = try network.node("05290")
        let published = try network.run(["release", "publish", "--config", province, "--person-anchor", "pki/person-root.pem",
                                         "--persons", "pki/persons.json", "--out", "v1.bcb"])
        #expect(published.status == 0, "\(published.error)")
        for node in [district, commune] { #expect(try network.run(["release", "import", "--config", node, "v1.bcb"]).status == 0) }

        let token = try SoftHSMToken()
        let folder = network.workspace.root.appendingPathComponent("pki/units/05290/persons")
        let leader = try SigningIdentity(keyPEM: Data(contentsOf: folder.appendingPathComponent("lanhdao.key")),
                                         certificatePEM: Data(contentsOf: folder.appendingPathComponent("lanhdao.pem")))
        let uri = try token.store(leader, id: [0x07], object: "lanh-dao")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("lanhdao.key"))
        try network.workspace.write(#"{"regime":"KTXH-THANG","period":"2026-10","values":{"NN01":"12.5"}}"#, to: "report.json")
        let create = ["bundle", "create", "--config", commune, "--to", "157", "--part", "report.json=report.json",
                      "--personal-key", uri.description, "--personal-module", SoftHSMToken.module, "--personal-pin-environment", "LEADER_PIN"]

        let wrong = try network.run(create + ["--out", "wrong.bcb"], environment: token.environment.merging(["LEADER_PIN": "86420975"]) { $1 })
        #expect(wrong.status == 1)
        #expect(wrong.error.contains("PIN"), "\(wrong.error)")
        #expect(!wrong.error.contains("86420975"))
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("wrong.bcb")))

        let signed = try network.run(create + ["--out", "r.bcb"], environment: token.environment.merging(["LEADER_PIN": token.pin]) { $1 })
        #expect(signed.status == 0, "\(signed.error)")
        let verified = try network.run(["bundle", "verify", "r.bcb", "--config", district])
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.contains("Chữ ký cá nhân: Nguyễn Văn An, Thủ trưởng đơn vị (lãnh đạo phê duyệt)"), "\(verified.output)")
    }
}
