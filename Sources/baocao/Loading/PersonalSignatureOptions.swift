import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import Foundation

/// The options by which a person signs beside their unit — the leader approving a report,
/// the officer deciding on one: their own key, as PEM files, a PKCS#12 file, or a key on
/// their PKCS#11 token (``SigningKeySource``), opened once per command (one PIN for a batch).
struct PersonalSignatureOptions: ParsableArguments {
    @Option(name: .long, help: "Khóa cá nhân của người ký, để ký số cá nhân bên cạnh chữ ký của đơn vị: tệp PEM (cùng --personal-certificate), tệp PKCS#12 (.p12, .pfx), hoặc khóa trên thẻ ký số (pkcs11:token=…;object=…).")
    var personalKey: String?

    @Option(name: .long, help: "Chứng thư số cá nhân (tệp PEM, kèm chứng thư trung gian nếu có): bắt buộc với khóa PEM; với thẻ ký số, khi chứng thư không nằm trên thẻ.")
    var personalCertificate: String?

    @Option(name: .long, help: "Thư viện PKCS#11 của thẻ ký số (ví dụ /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so), nếu địa chỉ pkcs11: không ghi module-path.")
    var personalModule: String?

    @Option(name: .long, help: "Tên biến môi trường chứa mã PIN của thẻ ký số; không có thì hỏi trên màn hình (không hiện).")
    var personalPinEnvironment: String?

    @Option(name: .long, help: "Tên biến môi trường chứa mật khẩu của khóa cá nhân PEM hoặc tệp PKCS#12.")
    var personalPasswordEnvironment: String?

    /// The source the options name, or `nil` when no personal signature is asked for.
    func source() throws -> SigningKeySource? {
        guard let personalKey else {
            guard personalCertificate == nil else { throw ValidationError("--personal-certificate cần đi cùng --personal-key.") }
            return nil
        }
        let lowered = personalKey.lowercased()
        if lowered.hasPrefix("pkcs11:") || lowered.hasSuffix(".p12") || lowered.hasSuffix(".pfx") {
            var source = try SigningKeySource(argument: personalKey, module: personalModule, pinEnvironment: personalPinEnvironment,
                                              passwordEnvironment: personalPasswordEnvironment)
            source.certificate = personalCertificate
            return source
        }
        guard let personalCertificate else {
            throw ValidationError("Khóa cá nhân dạng tệp PEM cần --personal-certificate (chứng thư số cá nhân).")
        }
        return SigningKeySource(key: personalKey, certificate: personalCertificate, passwordEnvironment: personalPasswordEnvironment)
    }

    /// The person's identity, checked (the key is the certificate's; a token's certificate
    /// valid now), or `nil` when no personal signature is asked for.
    func identity() throws -> SigningIdentity? {
        guard let source = try source() else { return nil }
        return try SigningKeyLoader(askPIN: TerminalPIN.prompt).load(source)
    }
}
