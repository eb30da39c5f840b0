import Foundation
import Testing

/// A small province on disk: a development PKI and configured nodes, driven through the CLI.
final class SignedNetwork {
    let workspace: SampleWorkspace

    /// With `persons`, the PKI has a persons' CA and each unit's leader and aggregator.
    init(units: [String], persons: Bool = false) throws {
        workspace = try SampleWorkspace()
        let result = try CommandRunner.run(["pki", "init-dev", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv",
                                            "--out", workspace.path("pki"), "--units", units.joined(separator: ","), "--key-type", "ec"]
                                           + (persons ? ["--persons"] : []))
        guard result.status == 0 else { throw CLIFailure(result.error) }
    }

    /// Writes a node configuration and initializes the node.
    @discardableResult
    func node(_ unit: String, key: String? = nil, certificate: String? = nil, catalog: String = "catalog/kinh-te-xa-hoi.yaml",
              extra: String = "") throws -> String {
        let config = "Config/node-\(unit).yaml"
        try workspace.write("""
            unit: "\(unit)"
            dataDirectory: ../data/\(unit)
            topology: ../Topology/hoa-binh-2025-03-3-cap.csv
            catalog: \(catalog)
            trust:
              anchors: ../pki/root.pem
              publishers: ../pki/publishers.txt
              registry: ../pki/registry.json
            signing:
              key: \(key ?? "../pki/units/\(unit)/signing.key")
              certificate: \(certificate ?? "../pki/units/\(unit)/signing.pem")
            \(extra)
            """, to: config)
        let result = try run(["init", "--config", workspace.path(config)])
        guard result.status == 0 else { throw CLIFailure(result.error) }
        return workspace.path(config)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, in: workspace.root, environment: environment)
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let description: String
        init(_ text: String) { description = text }
    }
}

@Suite("baocao pki, bundle and release")
struct BundleCommandTests {
    /// Enrollment end to end: a commune makes a CSR, the province issues a certificate;
    /// the commune's bundles are refused until a new release registers it, then accepted;
    /// an old release replayed is refused; a revocation takes effect with the next release.
    @Test func enrollment_registration_rollback_revocation() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let province = try network.node("17")
        let district = try network.node("157")

        #expect(try network.run(["release", "publish", "--config", province, "--out", "v1.bcb"]).status == 0)
        let first = try network.run(["release", "import", "--config", district, "v1.bcb"])
        #expect(first.output == "v1.bcb: accepted\n", "\(first.output) \(first.error)")

        // The commune enrolls.
        let csr = try network.run(["pki", "csr", "--unit", "05293", "--name", "Xã Văn Sơn", "--key-out", "van-son.key", "--csr-out", "van-son.csr", "--key-type", "ec"])
        #expect(csr.status == 0, "\(csr.error)")
        let issued = try network.run(["pki", "issue", "--ca", "pki", "--csr", "van-son.csr", "--unit", "05293", "--out", "van-son.pem"])
        #expect(issued.status == 0, "\(issued.error)")
        #expect(issued.output.contains("Xã Văn Sơn"))
        let commune = try network.node("05293", key: "../van-son.key", certificate: "../van-son.pem")
        try network.workspace.write(#"{"regime":"KTXH-THANG","period":"2026-10","values":{"NN01":"12.5"}}"#, to: "report.json")

        // Not registered yet: the commune's own node refuses to sign and queue a bundle its district would refuse.
        let early = try network.run(["bundle", "create", "--config", commune, "--to", "157", "--part", "report.json=report.json", "--out", "r.bcb"])
        #expect(early.status == 1)
        #expect(early.error.contains("không được đăng ký để ký thay mặt đơn vị 05293"), "\(early.error)")

        // The province registers the new certificate in release v2; the commune takes it in.
        let v2 = try network.run(["release", "publish", "--config", province, "--register", "05293=van-son.pem", "--out", "v2.bcb"])
        #expect(v2.status == 0, "\(v2.error)")
        let communeImport = try network.run(["release", "import", "--config", commune, "v2.bcb"])
        #expect(communeImport.output == "v2.bcb: accepted\n", "\(communeImport.output) \(communeImport.error)")
        let created = try network.run(["bundle", "create", "--config", commune, "--to", "157", "--part", "report.json=report.json", "--out", "r.bcb"])
        #expect(created.status == 0, "\(created.error)")

        // The district, still at v1, refuses it; after v2 it accepts it.
        let before = try network.run(["bundle", "verify", "r.bcb", "--config", district])
        #expect(before.status == 1)
        #expect(before.error.contains("không được đăng ký để ký thay mặt đơn vị 05293"), "\(before.error)")
        #expect(try network.run(["release", "import", "--config", district, "v2.bcb"]).output == "v2.bcb: accepted\n")
        let after = try network.run(["bundle", "verify", "r.bcb", "--config", district])
        #expect(after.status == 0, "\(after.error)")
        #expect(after.output.hasPrefix("Hợp lệ: báo cáo từ 05293 gửi 157"))

        // The commune started at v2: v1 is a rollback there. At the district, which holds both, they are duplicates.
        let replay = try network.run(["release", "import", "--config", commune, "v1.bcb", "v2.bcb"])
        #expect(replay.status == 1)
        #expect(replay.output.contains("v1.bcb: rejected: Bản phát hành phiên bản 1 cũ hơn phiên bản 2"), "\(replay.output)")
        #expect(replay.output.contains("v2.bcb: duplicate"))
        let again = try network.run(["release", "import", "--config", district, "v1.bcb", "v2.bcb"])
        #expect(again.output == "v1.bcb: duplicate\nv2.bcb: duplicate\n", "\(again.output)")

        // Revocation in v3.
        #expect(try network.run(["release", "publish", "--config", province, "--revoke", "van-son.pem", "--reason", "lộ khóa bí mật", "--out", "v3.bcb"]).status == 0)
        #expect(try network.run(["release", "import", "--config", district, "v3.bcb"]).status == 0)
        let revoked = try network.run(["bundle", "verify", "r.bcb", "--config", district])
        #expect(revoked.status == 1)
        #expect(revoked.error.contains("thu hồi"), "\(revoked.error)")

        let show = try network.run(["release", "show", "--config", district, "--json"])
        #expect(show.output.contains(#""version":3"#))
    }

    /// A bundle the CLI writes verifies with plain OpenSSL, and a tampered one is refused with its reason.
    /// Node certificates name their own node's hosts — given, or `<code>.baocao.test` —
    /// never a name every node shares; a node certificate is not issued without a name, nor
    /// for `localhost`.
    @Test func nodeCertificates_nameTheirOwnHosts() throws {
        let workspace = try SampleWorkspace()
        let made = try CommandRunner.run(["pki", "init-dev", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv", "--out", workspace.path("pki"),
                                          "--units", "157,05290", "--key-type", "ec", "--host", "157=baocao.lacson.hoabinh.gov.vn,10.0.0.5"],
                                         in: workspace.root)
        #expect(made.status == 0, "\(made.error)")
        func names(_ unit: String) throws -> String {
            // Read back by OpenSSL itself, not by our code.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = ["x509", "-in", workspace.path("pki/units/\(unit)/node.pem"), "-noout", "-ext", "subjectAltName"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text.components(separatedBy: "\n").dropFirst().joined().trimmingCharacters(in: .whitespaces)
        }
        #expect(try names("157") == "DNS:baocao.lacson.hoabinh.gov.vn, IP Address:10.0.0.5")
        #expect(try names("05290") == "DNS:05290.baocao.test")
        #expect(try names("17") == "DNS:17.baocao.test")

        let csr = try CommandRunner.run(["pki", "csr", "--unit", "05290", "--name", "Xã Nhân Nghĩa", "--key-out", "n.key", "--csr-out", "n.csr",
                                         "--key-type", "ec"], in: workspace.root)
        #expect(csr.status == 0, "\(csr.error)")
        let unnamed = try CommandRunner.run(["pki", "issue", "--ca", "pki", "--csr", "n.csr", "--unit", "05290", "--profile", "node", "--out", "n.pem"],
                                            in: workspace.root)
        #expect(unnamed.status != 0 && unnamed.error.contains("cần --host"), "\(unnamed.error)")
        let shared = try CommandRunner.run(["pki", "issue", "--ca", "pki", "--csr", "n.csr", "--unit", "05290", "--profile", "node",
                                            "--host", "localhost", "--out", "n.pem"], in: workspace.root)
        #expect(shared.status != 0 && shared.error.contains("dùng chung cho mọi máy"), "\(shared.error)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("n.pem")))
    }

    @Test func createdBundle_verifiesWithOpenSSL_andTamperingIsNamed() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let commune = try network.node("05290")
        try network.workspace.write(#"{"values":{"NN01":"12.5"}}"#, to: "report.json")
        #expect(try network.run(["bundle", "create", "--config", commune, "--to", "157", "--part", "report.json=report.json", "--out", "r.bcb"]).status == 0)

        let inspect = try network.run(["bundle", "inspect", "r.bcb", "--json"])
        #expect(inspect.output.contains(#""kind":"report","sender":"05290","recipient":"157""#), "\(inspect.output)")
        #expect(inspect.output.contains("Xã Nhân Nghĩa"))

        let verified = try network.run(["bundle", "verify", "r.bcb", "--trust", "pki", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv"])
        #expect(verified.status == 0, "\(verified.error)")

        // Unzip with the system's own tools and check with openssl.
        let unzip = try Self.unzip(network.workspace.path("r.bcb"), into: network.workspace.path("unzipped"))
        #expect(unzip == 0)
        let openssl = try TokenCommandTests.openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", "unzipped/manifest.p7s",
                                                     "-content", "unzipped/manifest.json", "-CAfile", "pki/root.pem", "-purpose", "any",
                                                     "-out", "/dev/null"], in: network.workspace.root)
        #expect(openssl == 0)

        var bytes = try Data(contentsOf: network.workspace.root.appendingPathComponent("r.bcb"))
        bytes[bytes.count / 3] ^= 0xFF
        try bytes.write(to: network.workspace.root.appendingPathComponent("broken.bcb"))
        let broken = try network.run(["bundle", "verify", "broken.bcb", "--trust", "pki", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv"])
        #expect(broken.status == 1)
        #expect(broken.error.hasPrefix("Lỗi: "))
        #expect(broken.error.split(separator: "\n").count == 1)
    }

    /// A release signed by a district key is refused by a node that trusts only the province.
    @Test func releaseFromDistrict_isRefused() throws {
        let network = try SignedNetwork(units: ["157"])
        let district = try network.node("157")
        let published = try network.run(["release", "publish", "--config", district, "--catalog", "catalog/kinh-te-xa-hoi.yaml"])
        #expect(published.status == 1)
        #expect(published.error.contains("Lỗi: "))
    }

    static func unzip(_ file: String, into directory: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", file, directory]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("baocao release: local releases")
struct LocalReleaseCommandTests {
    static func localCatalog(reporters: String) -> String {
        """
        indicators:
          - { code: DV157.XD01, name: "Số nhà văn hóa thôn được sửa chữa", unitOfMeasure: "nhà", valueType: integer, min: "0" }
        forms:
          - code: DV157.NVH
            title: "Biểu chuyên đề nhà văn hóa thôn"
            sections: [ { code: A, title: "Nhà văn hóa", rows: [DV157.XD01] } ]
        regimes:
          - code: DV157.NVH-QUY
            name: "Báo cáo chuyên đề nhà văn hóa thôn"
            type: thematic
            frequency: quarterly
            form: DV157.NVH
            receiver: "157"
            reporters: \(reporters)
            deadlines: [ { senderKind: commune, day: 20 } ]
        """
    }

    /// Huyện Lạc Sơn adds its own thematic regime; its commune takes it in after the
    /// province's release, and a regime reaching another district's commune is refused.
    @Test func districtLocalRelease_reachesItsCommune_andNoFurther() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let province = try network.node("17")
        let district = try network.node("157")
        let commune = try network.node("05290")
        #expect(try network.run(["release", "publish", "--config", province, "--out", "v1.bcb"]).status == 0)
        for node in [district, commune] {
            #expect(try network.run(["release", "import", "--config", node, "v1.bcb"]).status == 0)
        }

        try network.workspace.write(Self.localCatalog(reporters: "{ kinds: [commune] }"), to: "local.yaml")
        let published = try network.run(["release", "publish", "--config", district, "--catalog", "local.yaml", "--out", "local-v1.bcb"])
        #expect(published.status == 0, "\(published.error)")
        let imported = try network.run(["release", "import", "--config", commune, "local-v1.bcb"])
        #expect(imported.output == "local-v1.bcb: accepted\n", "\(imported.output)")
        let status = try network.run(["status", "--config", commune, "--json"])
        #expect(status.output.contains(#""regimes":21"#), "\(status.output)")  // the sample catalog's 20 and the local one

        try network.workspace.write(Self.localCatalog(reporters: "{ units: [\"04789\"] }"), to: "outside.yaml")
        let outside = try network.run(["release", "publish", "--config", district, "--catalog", "outside.yaml", "--out", "local-v2.bcb"])
        #expect(outside.status == 1)
        #expect(outside.error.contains("04789"), "\(outside.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("local-v2.bcb")))
    }
}
