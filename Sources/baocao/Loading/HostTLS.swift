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
        if case .node = tls {
            throw CLIError("Tệp \(file): web.tls không dùng được \"node\"; hãy khai báo certificate và key, hoặc pkcs12.")
        }
        do {
            return try LocalTLSIdentity.provided(tls, resolve: resolve, field: "web.tls", owner: "máy chủ chung")
        } catch let error as any CodedError {
            throw CLIError("Tệp \(file), mục web.tls: \(error.message)")
        }
    }
}
