/// Where a signing key is: PEM files, a PKCS#12 file, or a key on a PKCS#11 token (a USB
/// signing token, a smart card, an HSM). The unit's key (`signing:` in a node's
/// configuration) and a person's key (`--personal-key`) are both described by one.
///
/// ```yaml
/// signing:                                  # PEM files
///   key: keys/signing.key
///   certificate: keys/signing.pem           # may continue with intermediates
///   passwordEnvironment: BAOCAO_KEY_PASSWORD
/// signing:                                  # PKCS#12
///   pkcs12: keys/signing.p12
///   passwordEnvironment: BAOCAO_KEY_PASSWORD
/// signing:                                  # a token
///   pkcs11: "pkcs11:token=Lanh%20dao;object=ky-so"
///   module: /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so
///   pinEnvironment: BAOCAO_TOKEN_PIN        # absent: asked on the terminal
///   certificate: keys/lanh-dao.pem          # optional: else the certificate on the token
/// ```
///
/// A password or PIN is never in this file: it is read from the environment variable named
/// by `passwordEnvironment` or `pinEnvironment`, or (a PIN) asked for on the terminal.
public struct SigningKeySource: Sendable, Hashable, Codable {
    /// A PEM private key (with `certificate`).
    public var key: String?
    /// A PEM certificate, possibly followed by intermediates: with `key`, or beside `pkcs11`
    /// when the certificate is not on the token.
    public var certificate: String?
    /// A PKCS#12 file (.p12, .pfx).
    public var pkcs12: String?
    /// The environment variable holding the password of `key` or `pkcs12`.
    public var passwordEnvironment: String?
    /// The private key on a token, as an RFC 7512 URI.
    public var pkcs11: PKCS11URI?
    /// The PKCS#11 module (shared library) of the token. The default is the URI's `module-path`.
    public var module: String?
    /// The environment variable holding the token's PIN. The default is to ask on the terminal.
    public var pinEnvironment: String?

    public init(key: String? = nil, certificate: String? = nil, pkcs12: String? = nil, passwordEnvironment: String? = nil,
                pkcs11: PKCS11URI? = nil, module: String? = nil, pinEnvironment: String? = nil) {
        self.key = key
        self.certificate = certificate
        self.pkcs12 = pkcs12
        self.passwordEnvironment = passwordEnvironment
        self.pkcs11 = pkcs11
        self.module = module
        self.pinEnvironment = pinEnvironment
    }

    /// A key named on the command line: a PKCS#11 URI (`pkcs11:…`, its module from
    /// `module-path` or `module`), or a PKCS#12 file (`.p12`, `.pfx`).
    public init(argument: String, module: String? = nil, pinEnvironment: String? = nil, passwordEnvironment: String? = nil) throws(CoreError) {
        if argument.lowercased().hasPrefix("pkcs11:") {
            self.init(pkcs11: try PKCS11URI(argument), module: module, pinEnvironment: pinEnvironment)
        } else if [".p12", ".pfx"].contains(where: { argument.lowercased().hasSuffix($0) }) {
            self.init(pkcs12: argument, passwordEnvironment: passwordEnvironment)
        } else {
            throw Self.unclear("\"\(argument)\" không phải địa chỉ khóa trên thẻ ký số (pkcs11:…) hay tệp PKCS#12 (.p12, .pfx)")
        }
    }

    /// Which of the three the source is, every part it needs present.
    public enum Kind: Sendable, Hashable {
        case pem(key: String, certificate: String)
        case pkcs12(String)
        /// A token key, the module to reach it through, and the certificate's file if it is not on the token.
        case token(PKCS11URI, module: String, certificate: String?)
    }

    /// The kind, or why the source is incomplete or mixes two kinds.
    public func kind() throws(CoreError) -> Kind {
        let chosen = [key != nil, pkcs12 != nil, pkcs11 != nil].filter { $0 }.count
        guard chosen == 1 else {
            throw Self.unclear(chosen == 0 ? "cần key và certificate, pkcs12, hoặc pkcs11"
                                           : "chỉ khai báo một trong ba: key và certificate, pkcs12, hoặc pkcs11")
        }
        if let pkcs11 {
            guard let module = module ?? pkcs11.modulePath else {
                throw Self.unclear("khóa trên thẻ ký số cần module (thư viện PKCS#11 của thẻ, ví dụ /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so)")
            }
            return .token(pkcs11, module: module, certificate: certificate)
        }
        if let pkcs12 { return .pkcs12(pkcs12) }
        guard let key, let certificate else { throw Self.unclear("key cần đi cùng certificate") }
        return .pem(key: key, certificate: certificate)
    }
}

/// The `signing:` section of a node's configuration: the unit's key.
public typealias SigningConfiguration = SigningKeySource

extension ErrorCode where Domain == CoreDomain {
    public static let unclearSigningKey = Self("unclearSigningKey")
}

extension SigningKeySource {
    static func unclear(_ reason: String, file: String = #fileID, line: UInt = #line) -> CoreError {
        CoreError(.unclearSigningKey, message: "Khai báo khóa ký số chưa đúng: \(reason).",
                  log: "signing key source unclear: \(reason)", file: file, line: line)
    }
}
