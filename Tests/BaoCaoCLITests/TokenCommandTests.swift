import BaoCaoBundle
import BaoCaoCore
import BaoCaoTesting
import Foundation
import Testing

/// `baocao bundle create` with the unit's key on a PKCS#11 token (SoftHSM2): the
/// configuration names the key by its URI and the environment variable of its PIN.
@Suite("baocao with the signing key on a token")
struct TokenCommandTests {
    static let pinVariable = "BAOCAO_TEST_TOKEN_PIN"

    /// Writes the commune's configuration with its signing key on the token.
    static func configure(_ network: SignedNetwork, key uri: PKCS11URI, certificate: String? = nil) throws -> String {
        let config = "Config/node-05290.yaml"
        try network.workspace.write("""
            unit: "05290"
            dataDirectory: ../data/05290
            topology: ../Topology/hoa-binh-2025-03-3-cap.csv
            catalog: catalog/kinh-te-xa-hoi.yaml
            trust:
              anchors: ../pki/root.pem
              publishers: ../pki/publishers.txt
              registry: ../pki/registry.json
            signing:
              pkcs11: "\(uri)"
              pinEnvironment: \(pinVariable)
            \(certificate.map { "  certificate: \($0)" } ?? "")
            """, to: config)
        return network.workspace.path(config)
    }

    @Test func tokenKey_signsABundle_andEveryRefusalLeavesNoFile() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let commune = try network.node("05290")
        let token = try SoftHSMToken()
        let pki = network.workspace.root.appendingPathComponent("pki")
        let unitIdentity = try SigningIdentity(keyPEM: Data(contentsOf: pki.appendingPathComponent("units/05290/signing.key")),
                                               certificatePEM: Data(contentsOf: pki.appendingPathComponent("units/05290/signing.pem")))
        let uri = try token.store(unitIdentity, id: [0x01], object: "don-vi")
        try network.workspace.write(#"{"values":{"NN01":"12.5"}}"#, to: "report.json")
        let create = ["bundle", "create", "--config", commune, "--to", "157", "--part", "report.json=report.json", "--out"]
        let environment = token.environment.merging([Self.pinVariable: token.pin]) { $1 }

        // Signed on the token: our verifier and plain OpenSSL both accept it.
        _ = try Self.configure(network, key: uri)
        let signed = try network.run(create + ["r.bcb"], environment: environment)
        #expect(signed.status == 0, "\(signed.error)")
        let verified = try network.run(["bundle", "verify", "r.bcb", "--trust", "pki", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv"])
        #expect(verified.status == 0, "\(verified.error)")
        #expect(try BundleCommandTests.unzip(network.workspace.path("r.bcb"), into: network.workspace.path("unzipped")) == 0)
        let openssl = try Self.openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", "unzipped/manifest.p7s", "-content",
                                        "unzipped/manifest.json", "-CAfile", "pki/root.pem", "-purpose", "any", "-out", "/dev/null"], in: network.workspace.root)
        #expect(openssl == 0)
        #expect(!signed.output.contains(token.pin) && !signed.error.contains(token.pin))

        // A wrong PIN: the token's refusal in one Vietnamese line, the PIN nowhere, no file.
        let wrongPIN = "86420975"
        let wrong = try network.run(create + ["wrong.bcb"], environment: token.environment.merging([Self.pinVariable: wrongPIN]) { $1 })
        #expect(wrong.status == 1)
        #expect(wrong.error.hasPrefix("Lỗi: Mã PIN của thẻ ký số không đúng"), "\(wrong.error)")
        #expect(wrong.error.split(separator: "\n").count == 1)
        #expect(!(wrong.output + wrong.error).contains(wrongPIN))
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("wrong.bcb")))

        // No PIN in the environment and no terminal to ask on.
        let noPIN = try network.run(create + ["nopin.bcb"], environment: token.environment)
        #expect(noPIN.status == 1)
        #expect(noPIN.error.contains(Self.pinVariable), "\(noPIN.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("nopin.bcb")))

        // A token that is not there.
        _ = try Self.configure(network, key: PKCS11URI(token: "The vang mat", object: "don-vi", modulePath: SoftHSMToken.module))
        let missing = try network.run(create + ["missing.bcb"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.error.hasPrefix("Lỗi: Không tìm thấy khóa \"don-vi\" trên thẻ \"The vang mat\""), "\(missing.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("missing.bcb")))

        // An expired certificate beside the token's key: refused before signing.
        let root = try SigningIdentity(keyPEM: Data(contentsOf: pki.appendingPathComponent("root.key")),
                                       certificatePEM: Data(contentsOf: pki.appendingPathComponent("root.pem")))
        let expired = try CertificateAuthority.issue(
            for: unitIdentity.key, subject: DistinguishedName(commonName: "Xã Nhân Nghĩa", unitCode: "05290"), profile: .signing,
            validity: DateInterval(start: Date().addingTimeInterval(-400 * 86_400), end: Date().addingTimeInterval(-86_400)), issuer: root)
        try expired.pem.write(to: network.workspace.root.appendingPathComponent("expired.pem"))
        _ = try Self.configure(network, key: uri, certificate: "../expired.pem")
        let late = try network.run(create + ["late.bcb"], environment: environment)
        #expect(late.status == 1)
        #expect(late.error.contains("đã hết hạn"), "\(late.error)")
        #expect(!FileManager.default.fileExists(atPath: network.workspace.path("late.bcb")))
    }

    static func openssl(_ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.currentDirectoryURL = directory
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
