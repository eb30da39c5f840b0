import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoSigning
import Foundation

/// Each signature of `baocao sign-service` with a token key, made by a `baocao` process of
/// its own (``SignOnceCommand``) that logs in to the token with the PIN, signs and ends: a
/// process that has logged in to a token stays logged in, so the service itself never
/// logs in, and every signature has its PIN checked by the token. The PIN goes to the
/// child on its standard input, never in its arguments or environment.
struct TokenSigningProcess: Sendable {
    let token: String
    let module: String
    let certificate: String

    /// What the child answers: the signature, or the refusal's code and message.
    struct Answer: Codable {
        var signature: String?
        var code: String?
        var message: String?
        var log: String?
    }

    func sign(_ attributes: SignedAttributes, pin: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["sign-once", "--token", token, "--module", module, "--certificate", certificate]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((pin + "\n" + attributes.der.base64EncodedString() + "\n").utf8))
        try input.fileHandleForWriting.close()
        let said = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let answer = try? JSONDecoder().decode(Answer.self, from: said) else {
            throw SignServiceError(.keyUnavailable, message: "Không ký được bằng thẻ ký số (tiến trình ký dừng với mã \(process.terminationStatus)).",
                                   log: "sign-once said: \(String(decoding: said.prefix(500), as: UTF8.self))")
        }
        if let signature = answer.signature.flatMap({ Data(base64Encoded: $0) }) { return signature }
        if answer.code == BundleError.Code.tokenWrongPIN.rawValue { throw PersonalKey.wrongPIN(answer.log ?? "") }
        throw SignServiceError(.keyUnavailable, message: answer.message ?? "Không ký được bằng thẻ ký số.", log: answer.log ?? "sign-once failed")
    }
}

/// `baocao sign-once` (not listed): one signature with a token key for `baocao sign-service`.
/// Reads the PIN and the base64 DER of the signed attributes, one line each, from standard
/// input; writes one JSON line: the signature, or the refusal's code and message.
struct SignOnceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-once", abstract: "Ký một lần bằng thẻ ký số cho baocao sign-service (dùng nội bộ).", shouldDisplay: false)

    @Option(name: .long) var token: String
    @Option(name: .long) var module: String
    @Option(name: .long) var certificate: String

    func run() throws {
        var answer = TokenSigningProcess.Answer()
        do {
            guard let pin = readLine(strippingNewline: true), let line = readLine(strippingNewline: true),
                  let der = Data(base64Encoded: line) else {
                throw SignServiceError(.invalidRequest, message: "Thiếu mã PIN hoặc nội dung cần ký.", log: "sign-once: bad input")
            }
            let attributes = try SignedAttributes(der: der)
            guard let pem = FileManager.default.contents(atPath: certificate) else { throw CLIError("Không đọc được tệp chứng thư số \(certificate).") }
            let certificates = try Certificate.all(pem: pem)
            let identity = try PKCS11Token.signingIdentity(key: PKCS11URI(token), module: module, pin: pin,
                                                           certificate: certificates.first, chain: Array(certificates.dropFirst()))
            answer.signature = try attributes.signature(with: identity).base64EncodedString()
        } catch let error as any CodedError {
            answer.code = Self.code(of: error)
            answer.message = error.message
            answer.log = error.logDescription
        } catch {
            answer.code = "failure"
            answer.message = "\(error)"
            answer.log = "\(error)"
        }
        FileHandle.standardOutput.write(try JSONEncoder().encode(answer) + Data("\n".utf8))
    }

    private static func code<E: CodedError>(of error: E) -> String { error.code.rawValue }
}
