import BaoCaoBundle
import Foundation
import NIOSSL

/// The certificate and key the local port serves HTTPS with (`network.localTLS`): the
/// node's own TLS identity or one the province provides. Browsers are not asked for a
/// certificate; TLS 1.2 or later.
public struct LocalTLSIdentity: Sendable {
    /// The key, the certificate browsers are shown, and the intermediates sent after it.
    public let identity: SigningIdentity

    public init(_ identity: SigningIdentity) {
        self.identity = identity
    }

    /// Reads a PEM key and a PEM certificate (continued by any intermediates); refuses a
    /// key that is not the certificate's.
    public init(keyPEM: Data, certificatePEM: Data, password: String? = nil) throws {
        self.init(try SigningIdentity(keyPEM: keyPEM, certificatePEM: certificatePEM, password: password))
    }

    /// Reads a password-protected PKCS#12 file.
    public init(pkcs12: Data, password: String) throws {
        self.init(try SigningIdentity(pkcs12: pkcs12, password: password))
    }

    /// The server's TLS configuration: this identity, no client certificate, TLS 1.2 or later.
    public func serverConfiguration() throws -> TLSConfiguration {
        let chain = try ([identity.certificate] + identity.chain).map { NIOSSLCertificateSource.certificate(try NIOSSLCertificate(bytes: Array($0.der), format: .der)) }
        let key = try NIOSSLPrivateKey(bytes: Array(try identity.key.pem()), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .none
        return configuration
    }
}
