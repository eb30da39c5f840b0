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

    /// Without a PIN variable, at a terminal, the PIN is asked for, and what is typed is not
    /// echoed: the terminal shows the question, never the PIN.
    @Test func pinAskedAtTerminal_isNotEchoed() throws {
        let network = try SignedNetwork(units: ["157", "05290"])
        let commune = try network.node("05290")
        let token = try SoftHSMToken()
        let pki = network.workspace.root.appendingPathComponent("pki")
        let unitIdentity = try SigningIdentity(keyPEM: Data(contentsOf: pki.appendingPathComponent("units/05290/signing.key")),
                                               certificatePEM: Data(contentsOf: pki.appendingPathComponent("units/05290/signing.pem")))
        let uri = try token.store(unitIdentity, id: [0x07], object: "hoi-pin")
        try network.workspace.write(#"{"values":{"NN01":"12.5"}}"#, to: "report.json")
        _ = try Self.configure(network, key: uri)
        let session = try Self.atTerminal([CommandRunner.executable.path, "bundle", "create", "--config", commune, "--to", "157",
                                           "--part", "report.json=report.json", "--out", "asked.bcb"],
                                          typing: token.pin, after: "PIN", in: network.workspace.root, environment: token.environment)
        #expect(session.status == 0, "\(session.transcript.debugDescription)")
        #expect(session.transcript.contains("Nhập mã PIN của thẻ ký số (\"hoi-pin\" trên thẻ \"\(token.label)\")"), "\(session.transcript)")
        #expect(!session.transcript.contains(token.pin), "\(session.transcript)")
        let verified = try network.run(["bundle", "verify", "asked.bcb", "--trust", "pki", "--topology", "Topology/hoa-binh-2025-03-3-cap.csv"])
        #expect(verified.status == 0, "\(verified.error)")
    }

    /// Runs a command on a pseudo-terminal (Python's `pty`), types `answer` once `prompt`
    /// (ASCII) has appeared, and returns everything the terminal showed. A command still
    /// running after a minute is killed.
    static func atTerminal(_ command: [String], typing answer: String, after prompt: String, in directory: URL,
                           environment: [String: String]) throws -> (status: Int32, transcript: String) {
        let driver = """
            import os, pty, select, signal, sys, time
            prompt, answer, command = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(command[0], command)
            seen, answered, deadline = b"", False, time.time() + 60
            while time.time() < deadline:
                ready, _, _ = select.select([fd], [], [], 1)
                if not ready:
                    continue
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if not answered and prompt in seen:
                    os.write(fd, answer + b"\\n")
                    answered = True
            else:
                os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(seen)
            sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", driver, prompt, answer] + command
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let transcript = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: transcript, as: UTF8.self))
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
