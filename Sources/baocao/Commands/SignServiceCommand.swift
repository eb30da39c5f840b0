import ArgumentParser
import BaoCaoBundle
import BaoCaoCore
import BaoCaoSigning
import Foundation
import Hummingbird
import Logging

/// `baocao sign-service`: runs on the leader's PC beside the token, on loopback only, for
/// the node origins named; the node's approval page sends it what to sign, and the leader
/// confirms on its own page with the PIN (``SignServiceApplication``).
struct SignServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-service",
        abstract: "Dịch vụ ký số cá nhân trên máy của lãnh đạo (bên cạnh thẻ ký số): trang duyệt báo cáo của nút gửi nội dung cần ký, lãnh đạo xem lại và nhập mã PIN."
    )

    @Option(name: .long, help: "Địa chỉ nghe, chỉ địa chỉ nội bộ của máy: 127.0.0.1:CỔNG, localhost:CỔNG hoặc [::1]:CỔNG.")
    var listen: String = "127.0.0.1:8790"

    @Option(name: .customLong("allow-origin"), help: "Địa chỉ trang web của nút được phép yêu cầu ký (ví dụ http://10.0.0.5:8080); lặp lại cho nhiều nút.")
    var allowOrigin: [String] = []

    @Option(name: .long, help: "Chứng thư số cá nhân của người ký (PEM, kèm các chứng thư trung gian sau nó).")
    var certificate: String

    @Option(name: .long, help: "Khóa bí mật trên thẻ ký số (PKCS#11), dạng pkcs11:token=…;object=… (RFC 7512).")
    var token: String?

    @Option(name: .long, help: "Thư viện PKCS#11 của thẻ (ví dụ /usr/lib/softhsm/libsofthsm2.so); mặc định lấy từ module-path trong --token.")
    var module: String?

    @Option(name: .long, help: "Chỉ để thử nghiệm, thay cho --token: khóa bí mật PEM đã mã hóa; mã PIN nhập khi ký là mật khẩu của nó.")
    var key: String?

    func run() async throws {
        let (host, port) = try Self.address(listen)
        let configuration = try SignServiceConfiguration(host: host, port: port, allowedOrigins: allowOrigin)
        guard let certificatePEM = FileManager.default.contents(atPath: certificate) else {
            throw CLIError("Không đọc được tệp chứng thư số \(certificate).")
        }
        let personal: PersonalKey
        switch (token, key) {
        case (let token?, nil):
            let uri = try PKCS11URI(token)
            guard let module = module ?? uri.modulePath else {
                throw CLIError("Cần --module: đường dẫn thư viện PKCS#11 của thẻ ký số (hoặc module-path trong --token).")
            }
            personal = try PersonalKey.token(certificatePEM: certificatePEM,
                                             sign: TokenSigningProcess(token: token, module: module, certificate: certificate).sign)
        case (nil, let key?):
            guard let keyPEM = FileManager.default.contents(atPath: key) else { throw CLIError("Không đọc được tệp khóa \(key).") }
            personal = try PersonalKey.developmentFile(keyPEM: keyPEM, certificatePEM: certificatePEM)
        default:
            throw CLIError("Cần đúng một trong hai: --token (khóa trên thẻ ký số) hoặc --key (khóa PEM thử nghiệm).")
        }
        var logger = Logger(label: "baocao.sign-service")
        logger.logLevel = ProcessInfo.processInfo.environment["BAOCAO_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let origins = configuration.allowedOrigins.sorted().joined(separator: ", ")
        let subject = personal.certificate.subject
        let app = SignServiceApplication.application(configuration: configuration, key: personal, logger: logger) { bound in
            let shown = host.contains(":") ? "[\(host)]" : host
            print("Dịch vụ ký số đang chạy tại http://\(shown):\(bound) cho \(origins), ký bằng chứng thư \(subject). Nhấn Ctrl-C để dừng.")
            fflush(nil)  // at once, even into a pipe
        }
        try await app.runService()
    }

    /// `host:port`, `[v6]:port`.
    static func address(_ text: String) throws -> (String, Int) {
        let invalid = CLIError("Địa chỉ nghe \"\(text)\" không hợp lệ: cần dạng 127.0.0.1:8790.")
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<end])
            let rest = text[text.index(after: end)...]
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else { throw invalid }
            return (host, port)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let port = Int(parts[1]) else { throw invalid }
        return (String(parts[0]), port)
    }
}
