/// The TLS identity of a node's local port (the web interface, `/healthz`, `/metrics`):
/// `network.localTLS` in the configuration. Browsers connect there, so no client
/// certificate is asked for; TLS 1.2 or later.
///
/// ```yaml
/// localTLS: node                  # the node's own TLS certificate (network.certificate, network.key)
/// localTLS:                       # or a certificate and key the province provides (PEM)
///   certificate: web.pem          #   (the file may continue with intermediates)
///   key: web.key
/// localTLS:                       # or a PKCS#12 file
///   pkcs12: web.p12
///   passwordEnvironment: BAOCAO_WEB_P12_PASSWORD
/// ```
///
/// A password, if the key has one, is read from the environment variable named by
/// `passwordEnvironment` — never from the configuration file.
public enum LocalTLSConfiguration: Sendable, Hashable, Codable {
    /// The node's own TLS certificate and key, those it syncs with (`network.certificate`, `network.key`).
    case node
    /// A PEM certificate (and any intermediates after it) and its PEM key.
    case files(certificate: String, key: String, passwordEnvironment: String?)
    /// A PKCS#12 file (.p12, .pfx) holding the key and the certificate.
    case pkcs12(String, passwordEnvironment: String?)

    /// The word that picks the node's own certificate.
    public static let nodeWord = "node"

    private enum Key: String, CodingKey { case certificate, key, pkcs12, passwordEnvironment }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == Self.nodeWord else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: Self.shapes))
            }
            self = .node
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        let password = try container.decodeIfPresent(String.self, forKey: .passwordEnvironment)
        let certificate = try container.decodeIfPresent(String.self, forKey: .certificate)
        let key = try container.decodeIfPresent(String.self, forKey: .key)
        let pkcs12 = try container.decodeIfPresent(String.self, forKey: .pkcs12)
        switch (certificate, key, pkcs12) {
        case let (certificate?, key?, nil): self = .files(certificate: certificate, key: key, passwordEnvironment: password)
        case let (nil, nil, pkcs12?): self = .pkcs12(pkcs12, passwordEnvironment: password)
        default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: Self.shapes))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .node:
            var container = encoder.singleValueContainer()
            try container.encode(Self.nodeWord)
        case let .files(certificate, key, password):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(certificate, forKey: .certificate)
            try container.encode(key, forKey: .key)
            try container.encodeIfPresent(password, forKey: .passwordEnvironment)
        case let .pkcs12(file, password):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(file, forKey: .pkcs12)
            try container.encodeIfPresent(password, forKey: .passwordEnvironment)
        }
    }

    /// What the section may hold, said to whoever wrote something else.
    static let shapes = "localTLS phải là \"node\" (dùng chứng thư TLS của nút), hoặc có certificate và key (tệp PEM), "
        + "hoặc có pkcs12 (tệp PKCS#12), kèm passwordEnvironment nếu khóa có mật khẩu"
}
