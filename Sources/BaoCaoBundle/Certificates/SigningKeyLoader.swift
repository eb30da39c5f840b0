import BaoCaoCore
import Foundation

/// Opens the signing identity a ``SigningKeySource`` describes: PEM files, a PKCS#12 file,
/// or a key on a PKCS#11 token. The unit's key (`signing:`) and a person's key
/// (`--personal-key`) are opened alike.
///
/// A password is read from the environment variable the source names. A token's PIN is
/// read from `pinEnvironment`, or else asked for through `askPIN` (a terminal without echo);
/// it is handed to the token and kept nowhere, and no log line carries it.
public struct SigningKeyLoader {
    /// Makes a path from the source (relative to the configuration file) one to open.
    public var resolvePath: @Sendable (String) -> String
    /// The environment the password and PIN variables are read from.
    public var environment: [String: String]
    /// Asks a person for the PIN of the token described (``PKCS11URI/shortName``); nil
    /// when no one can be asked (no terminal).
    public var askPIN: (@Sendable (String) throws -> String)?

    public init(resolvePath: @escaping @Sendable (String) -> String = { $0 },
                environment: [String: String] = ProcessInfo.processInfo.environment,
                askPIN: (@Sendable (String) throws -> String)? = nil) {
        self.resolvePath = resolvePath
        self.environment = environment
        self.askPIN = askPIN
    }

    /// The identity, checked: the key is the certificate's, and — for a token, whose key
    /// signs at once — the certificate is valid at `now`.
    public func load(_ source: SigningKeySource, now: Date = Date()) throws -> SigningIdentity {
        switch try source.kind() {
        case .pem(let key, let certificate):
            let certificates = try Certificate.all(pem: read(certificate, what: "chứng thư số"))
            guard let leaf = certificates.first else { throw BundleError.invalidCertificate("PEM") }
            return try SigningIdentity(key: PrivateKey(pem: read(key, what: "khóa bí mật"), password: try password(source)),
                                       certificate: leaf, chain: Array(certificates.dropFirst()))
        case .pkcs12(let file):
            return try SigningIdentity(pkcs12: read(file, what: "tệp chữ ký số PKCS#12"), password: try password(source) ?? "")
        case .token(let uri, let module, let certificateFile):
            let certificates = try certificateFile.map { try Certificate.all(pem: read($0, what: "chứng thư số")) } ?? []
            if certificateFile != nil && certificates.isEmpty { throw BundleError.invalidCertificate("PEM") }
            let pin = try pin(for: uri, environmentName: source.pinEnvironment)
            return try PKCS11Token.signingIdentity(key: uri, module: resolvePath(module), pin: pin, certificate: certificates.first,
                                                   chain: Array(certificates.dropFirst()), now: now)
        }
    }

    private func read(_ path: String, what: String) throws -> Data {
        let resolved = resolvePath(path)
        guard let data = FileManager.default.contents(atPath: resolved) else { throw BundleError.keyFileMissing(resolved, what: what) }
        return data
    }

    private func password(_ source: SigningKeySource) throws -> String? {
        guard let name = source.passwordEnvironment else { return nil }
        guard let value = environment[name] else { throw BundleError.secretVariableMissing(name, what: "mật khẩu khóa ký số") }
        return value
    }

    private func pin(for uri: PKCS11URI, environmentName: String?) throws -> String {
        if let environmentName {
            if let value = environment[environmentName] { return value }
            if askPIN == nil { throw BundleError.secretVariableMissing(environmentName, what: "mã PIN của thẻ ký số") }
        }
        guard let askPIN else { throw BundleError.tokenPINMissing(uri) }
        return try askPIN(uri.shortName)
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let keyFileMissing = Self("keyFileMissing")
    public static let secretVariableMissing = Self("secretVariableMissing")
}

extension BundleError {
    static func keyFileMissing(_ path: String, what: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.keyFileMissing, message: "Không đọc được \(what): không tìm thấy tệp \(path).",
                    log: "cannot read \(path)", file: file, line: line)
    }

    static func secretVariableMissing(_ name: String, what: String, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.secretVariableMissing, message: "Biến môi trường \(name) chứa \(what) chưa được đặt.",
                    log: "environment variable \(name) is not set", file: file, line: line)
    }

    static func tokenPINMissing(_ uri: PKCS11URI, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.tokenPINMissing,
            message: "Cần mã PIN của thẻ ký số để ký bằng khóa \(uri.shortName): hãy chạy lệnh tại một cửa sổ dòng lệnh để nhập mã PIN, "
                + "hoặc khai báo biến môi trường chứa mã PIN (pinEnvironment).",
            log: "no PIN for \(uri.locating(type: "private")): no pinEnvironment value and no terminal", file: file, line: line)
    }
}
