import BaoCaoCore
import BaoCaoWeb
import Foundation

extension LoadedConfiguration {
    /// The certificate and key the local port serves HTTPS with (`network.localTLS`), read
    /// and checked (the key is the certificate's); `nil` for plain HTTP. `init` reads them
    /// too, so a node is not set up with an HTTPS identity `serve` could not use.
    func localTLSIdentity() throws -> LocalTLSIdentity? {
        let network = configuration.network ?? NetworkConfiguration()
        guard let tls = network.localTLS else { return nil }
        do {
            switch tls {
            case .node:
                guard let certificate = network.certificate, let key = network.key else {
                    throw CLIError("Tệp \(file): network.localTLS là \"node\" (dùng chứng thư TLS của nút) nhưng chưa khai báo "
                                   + "network.certificate và network.key.")
                }
                return try LocalTLSIdentity(keyPEM: BinaryFile.read(resolve(key), what: "khóa TLS của nút"),
                                            certificatePEM: BinaryFile.read(resolve(certificate), what: "chứng thư TLS của nút"))
            case .files, .pkcs12:
                return try LocalTLSIdentity.provided(tls, resolve: resolve, field: "network.localTLS", owner: "giao diện web")
            }
        } catch let error as any CodedError {
            throw CLIError("Tệp \(file), mục network.localTLS: \(error.message)")
        }
    }
}

extension LocalTLSIdentity {
    /// An HTTPS identity the province provides — a PEM certificate and key, or a PKCS#12
    /// file, its password from the environment variable named — as configured under `field`
    /// (`network.localTLS` of a node, `web.tls` of a host) for `owner` ("giao diện web");
    /// `nil` for `node`, which only a node's configuration can resolve.
    static func provided(_ tls: LocalTLSConfiguration, resolve: (String) -> String, field: String, owner: String) throws -> LocalTLSIdentity? {
        func password(_ variable: String?) throws -> String? {
            guard let variable else { return nil }
            guard let password = ProcessInfo.processInfo.environment[variable] else {
                throw CLIError("Biến môi trường \(variable) chứa mật khẩu khóa HTTPS của \(owner) (\(field)) chưa được đặt.")
            }
            return password
        }
        switch tls {
        case .node:
            return nil
        case let .files(certificate, key, passwordEnvironment):
            return try LocalTLSIdentity(keyPEM: BinaryFile.read(resolve(key), what: "khóa HTTPS của \(owner) (\(field).key)"),
                                        certificatePEM: BinaryFile.read(resolve(certificate), what: "chứng thư HTTPS của \(owner) (\(field).certificate)"),
                                        password: try password(passwordEnvironment))
        case let .pkcs12(pkcs12, passwordEnvironment):
            return try LocalTLSIdentity(pkcs12: BinaryFile.read(resolve(pkcs12), what: "tệp PKCS#12 của \(owner) (\(field).pkcs12)"),
                                        password: try password(passwordEnvironment) ?? "")
        }
    }
}
