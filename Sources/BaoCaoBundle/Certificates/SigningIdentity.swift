import BaoCaoCore
import COpenSSL
import Foundation

/// What a unit signs with: its private key, its certificate and the intermediate
/// certificates between it and the trust anchor.
public struct SigningIdentity: Sendable {
    public let key: PrivateKey
    public let certificate: Certificate
    public let chain: [Certificate]

    /// Pairs a key with its certificate; refuses a key that is not the certificate's.
    public init(key: PrivateKey, certificate: Certificate, chain: [Certificate] = []) throws {
        guard key.matches(certificate) else { throw BundleError.keyMismatch(certificate) }
        self.key = key
        self.certificate = certificate
        self.chain = chain
    }

    /// Reads a key and a certificate (plus any intermediates after it) from PEM files' contents.
    public init(keyPEM: Data, certificatePEM: Data, password: String? = nil) throws {
        let certificates = try Certificate.all(pem: certificatePEM)
        guard let certificate = certificates.first else { throw BundleError.invalidCertificate("PEM") }
        try self.init(key: PrivateKey(pem: keyPEM, password: password), certificate: certificate, chain: Array(certificates.dropFirst()))
    }

    /// Reads a password-protected PKCS#12 file (.p12, .pfx), as USB tokens' software exports are.
    public init(pkcs12: Data, password: String) throws {
        let p12: OpaquePointer? = try MemoryBIO.withReading(pkcs12) { d2i_PKCS12_bio($0, nil) }
        guard let p12 else { throw BundleError.invalidPKCS12(wrongPassword: false) }
        defer { PKCS12_free(p12) }
        var key: OpaquePointer? = nil
        var certificate: OpaquePointer? = nil
        var extra: OpaquePointer? = nil
        let parsed = PKCS12_parse(p12, password, &key, &certificate, &extra) == 1
        // Whatever PKCS12_parse handed out is owned from here, before anything can throw:
        // the key by its object, the certificate by its object (which frees it even when it
        // cannot be read), the stack of extra certificates by this defer.
        defer { baocao_sk_X509_pop_free(extra) }
        let ownedKey = key.map(PrivateKey.init(owning:))
        let leaf = try certificate.map(Certificate.init(owning:))
        guard parsed, let ownedKey, let leaf else { throw BundleError.invalidPKCS12(wrongPassword: true) }
        var chain: [Certificate] = []
        if let extra {
            for index in 0..<baocao_sk_X509_num(extra) {
                chain.append(try Certificate(retaining: baocao_sk_X509_value(extra, index)))
            }
        }
        try PrivateKey.checkStrength(ownedKey.pointer)
        try self.init(key: ownedKey, certificate: leaf, chain: chain)
    }

    /// Writes the identity as a PKCS#12 file protected by `password` (AES-256, PBKDF2: OpenSSL 3's defaults).
    public func pkcs12(password: String, name: String) throws -> Data {
        guard let stack = baocao_sk_X509_new_null() else { throw BundleError.cryptoFailure("tạo chuỗi chứng thư") }
        defer { baocao_sk_X509_pop_free(stack) }
        for certificate in chain where baocao_sk_X509_push_up_ref(stack, certificate.pointer) != 1 {
            throw BundleError.cryptoFailure("ghép chuỗi chứng thư")
        }
        guard let p12 = PKCS12_create(password, name, key.pointer, certificate.pointer, stack, 0, 0, 0, 0, 0) else {
            throw BundleError.cryptoFailure("tạo tệp PKCS#12")
        }
        defer { PKCS12_free(p12) }
        return try MemoryBIO.collecting({ i2d_PKCS12_bio($0, p12) == 1 }, what: "ghi tệp PKCS#12")
    }
}

extension ErrorCode where Domain == BundleDomain {
    public static let invalidPKCS12 = Self("invalidPKCS12")
}

extension BundleError {
    static func invalidPKCS12(wrongPassword: Bool, file: String = #fileID, line: UInt = #line) -> BundleError {
        BundleError(.invalidPKCS12,
            message: wrongPassword ? "Không mở được tệp chữ ký số PKCS#12: sai mật khẩu hoặc tệp bị hỏng."
                                   : "Tệp không phải tệp chữ ký số PKCS#12 (.p12, .pfx).",
            log: "cannot open PKCS#12: \(OpenSSLFailure.drain())", file: file, line: line)
    }
}
