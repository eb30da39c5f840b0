import BaoCaoBundle
import BaoCaoCore
import Foundation
import Synchronization

/// A throw-away PKCS#11 token for tests and benchmarks: SoftHSM2 (Debian's `softhsm2`) with
/// a configuration and a token directory of its own in a temporary directory, initialized
/// with `softhsm2-util --init-token`; keys and certificates are put on it with
/// `softhsm2-util --import` and `pkcs11-tool --write-object` (Debian's `opensc`).
///
/// SoftHSM2 reads its configuration (`SOFTHSM2_CONF`) and finds its tokens once per
/// process, when BaoCao first loads the module: code that signs in this process uses
/// ``processWide()`` (or ``processWideSpare()``), made together before that, whose
/// configuration is set for the process; a child process (the `baocao` command) is given
/// ``environment`` of a token of its own. Once a process has logged in to a token it stays
/// logged in (as every PKCS#11 application does), so a wrong PIN is only refused by a token
/// not yet logged in to: the spare token, on which no test logs in. A missing tool is an error, never a skipped test: `Scripts/test`
/// installs them (`Scripts/install-dependencies`).
public final class SoftHSMToken: Sendable {
    /// SoftHSM2's PKCS#11 module.
    public static let module = "/usr/lib/softhsm/libsofthsm2.so"

    public let directory: URL
    /// The token's label (`pkcs11:token=…`).
    public let label: String
    /// The user PIN.
    public let pin: String
    public let securityOfficerPIN: String
    private let removesDirectory: Bool

    /// What a child process needs in its environment to see this token.
    public var environment: [String: String] { ["SOFTHSM2_CONF": configurationFile.path] }
    public var configurationFile: URL { directory.appendingPathComponent("softhsm2.conf") }

    /// A new, empty token in a new temporary directory, removed with this object.
    public convenience init(label: String = "BaoCao thu nghiem", pin: String = "123456") throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("softhsm-\(UUID().uuidString)")
        try Self.configure(directory)
        try self.init(directory: directory, label: label, pin: pin, removesDirectory: true)
    }

    /// A new token in the token directory of the configuration in `directory`.
    private init(directory: URL, label: String, pin: String, removesDirectory: Bool) throws {
        self.directory = directory
        self.label = label
        self.pin = pin
        self.securityOfficerPIN = "so-" + pin
        self.removesDirectory = removesDirectory
        try run("softhsm2-util", ["--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", securityOfficerPIN])
    }

    /// Writes a SoftHSM2 configuration in `directory`, its tokens in `directory/tokens`.
    private static func configure(_ directory: URL) throws {
        let tokens = directory.appendingPathComponent("tokens")
        try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
        try Data("""
            directories.tokendir = \(tokens.path)
            objectstore.backend = file
            log.level = ERROR
            slots.removable = false

            """.utf8).write(to: directory.appendingPathComponent("softhsm2.conf"))
    }

    deinit {
        if removesDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The one token the signing code of this process sees: made on first use, with
    /// `SOFTHSM2_CONF` set for the process to its configuration (before SoftHSM2 is loaded).
    /// Tests that share it each put their own objects on it, under ids of their own.
    public static func processWide() throws -> SoftHSMToken {
        try shared.get().main
    }

    /// The process's second token, on which no one logs in with its PIN: what a wrong PIN is
    /// tried on (a token already logged in to would not check it).
    public static func processWideSpare() throws -> SoftHSMToken {
        try shared.get().spare
    }

    private static let shared: Result<(main: SoftHSMToken, spare: SoftHSMToken), any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("softhsm-process-\(getpid())-\(UUID().uuidString)")
        try configure(directory)
        let main = try SoftHSMToken(directory: directory, label: "BaoCao tien trinh", pin: "246810", removesDirectory: false)
        let spare = try SoftHSMToken(directory: directory, label: "BaoCao du phong", pin: "135790", removesDirectory: false)
        setenv("SOFTHSM2_CONF", main.configurationFile.path, 1)
        return (main, spare)
    }

    /// Puts the identity's private key (and public key) on the token, and its certificate
    /// unless `withCertificate` is false, under `id` and the label `object`; returns the
    /// URI of the private key.
    /// Stores are made one at a time: SoftHSM2's tools fail when two write one token at once.
    @discardableResult
    public func store(_ identity: SigningIdentity, id: [UInt8], object: String, withCertificate: Bool = true) throws -> PKCS11URI {
        try Self.storing.withLock { _ in try storeAlone(identity, id: id, object: object, withCertificate: withCertificate) }
    }

    private static let storing = Mutex(())

    private func storeAlone(_ identity: SigningIdentity, id: [UInt8], object: String, withCertificate: Bool) throws -> PKCS11URI {
        let scratch = directory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let hexID = id.map { String(format: "%02x", $0) }.joined()
        let keyFile = scratch.appendingPathComponent("key.pk8")
        try SecretFile.create(identity.key.pem(), at: keyFile)
        try run("softhsm2-util", ["--import", keyFile.path, "--token", label, "--label", object, "--id", hexID, "--pin", pin])
        if withCertificate {
            let certificateFile = scratch.appendingPathComponent("certificate.der")
            try identity.certificate.der.write(to: certificateFile)
            try run("pkcs11-tool", ["--module", Self.module, "--token-label", label, "--login", "--pin", pin,
                                    "--write-object", certificateFile.path, "--type", "cert", "--id", hexID, "--label", object])
        }
        return uri(id: id, object: object)
    }

    /// The URI of the private key stored under `id` and `object`, with the module path.
    public func uri(id: [UInt8]? = nil, object: String? = nil) -> PKCS11URI {
        PKCS11URI(token: label, object: object, id: id, modulePath: Self.module)
    }

    /// Runs a SoftHSM2 or OpenSC tool against this token; throws with its output if it fails.
    private func run(_ tool: String, _ arguments: [String]) throws {
        guard let executable = ["/usr/bin", "/usr/local/bin", "/bin"].map({ "\($0)/\(tool)" })
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ToolFailure(description: "\(tool) is not installed (Debian's softhsm2 and opensc; Scripts/install-dependencies installs them)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(description: "\(tool) \(arguments.first ?? "") failed (\(process.terminationStatus)): \(String(decoding: printed, as: UTF8.self))")
        }
    }

    /// A SoftHSM2 or OpenSC tool missing or failing.
    public struct ToolFailure: Error, CustomStringConvertible {
        public let description: String
    }
}
