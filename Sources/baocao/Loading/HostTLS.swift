import BaoCaoBundle
import BaoCaoCore
import BaoCaoWeb
import Foundation

/// The HTTPS identity of a host's one address (`web.tls` in `host.yaml`), read as a node
/// reads `network.localTLS`: a PEM certificate and key, or a PKCS#12 file, its password
/// from the environment variable the file names.
enum HostTLS {
    static func identity(_ tls: LocalTLSConfiguration?, file: String) throws -> LocalTLSIdentity? {
        guard let tls else { return nil }
        let folder = (file as NSString).deletingLastPathComponent
        let resolve = { (path: String) in LoadedConfiguration.resolve(path, against: folder) }
        do {
            switch tls {
            case .node:
                throw CLIError("Tệp \(file): web.tls không dùng được \"node\"; hãy khai báo certificate và key, hoặc pkcs12.")
            case let .files(certificate, key, passwordEnvironment):
                return try LocalTLSIdentity(keyPEM: BinaryFile.read(resolve(key), what: "khóa HTTPS của máy chủ chung (web.tls.key)"),
                                            certificatePEM: BinaryFile.read(resolve(certificate), what: "chứng thư HTTPS của máy chủ chung (web.tls.certificate)"),
                                            password: try password(passwordEnvironment, file: file))
            case let .pkcs12(pkcs12, passwordEnvironment):
                return try LocalTLSIdentity(pkcs12: BinaryFile.read(resolve(pkcs12), what: "tệp PKCS#12 của máy chủ chung (web.tls.pkcs12)"),
                                            password: try password(passwordEnvironment, file: file) ?? "")
            }
        } catch let error as any CodedError {
            throw CLIError("Tệp \(file), mục web.tls: \(error.message)")
        }
    }

    private static func password(_ variable: String?, file: String) throws -> String? {
        guard let variable else { return nil }
        guard let password = ProcessInfo.processInfo.environment[variable] else {
            throw CLIError("Biến môi trường \(variable) chứa mật khẩu khóa HTTPS của máy chủ chung (web.tls trong \(file)) chưa được đặt.")
        }
        return password
    }
}
