import ArgumentParser
import BaoCaoBundle
import Foundation

/// The options by which a person signs beside their unit — the leader approving a report,
/// the officer deciding on one: their own key and personal certificate.
struct PersonalSignatureOptions: ParsableArguments {
    @Option(name: .long, help: "Khóa bí mật cá nhân của người ký (tệp PEM) để ký số cá nhân bên cạnh chữ ký của đơn vị.")
    var personalKey: String?

    @Option(name: .long, help: "Chứng thư số cá nhân của người ký (tệp PEM, kèm chứng thư trung gian nếu có).")
    var personalCertificate: String?

    @Option(name: .long, help: "Tên biến môi trường chứa mật khẩu của khóa cá nhân (nếu khóa được mã hóa).")
    var personalPasswordEnvironment: String?

    func validate() throws {
        if (personalKey == nil) != (personalCertificate == nil) {
            throw ValidationError("Cần cả --personal-key và --personal-certificate để ký số cá nhân.")
        }
    }

    /// The person's identity, or `nil` when no personal signature is asked for.
    func identity() throws -> SigningIdentity? {
        guard let personalKey, let personalCertificate else { return nil }
        let password = try personalPasswordEnvironment.map { name in
            guard let value = ProcessInfo.processInfo.environment[name] else {
                throw CLIError("Biến môi trường \(name) (mật khẩu khóa cá nhân) chưa được đặt.")
            }
            return value
        }
        return try SigningIdentity(keyPEM: BinaryFile.read(personalKey, what: "khóa cá nhân"),
                                   certificatePEM: BinaryFile.read(personalCertificate, what: "chứng thư cá nhân"), password: password)
    }
}
